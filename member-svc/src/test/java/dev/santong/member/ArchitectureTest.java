package dev.santong.member;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.ModuleStructure;
import dev.santong.platform.testkit.SchemaNames;

class ArchitectureTest {

    @Test
    void modulesUseEachOthersApiOnlyAndEachTableHasOneOwner() {
        ModuleStructure.verify(MemberApplication.class);
    }

    @Test
    void theModuleDiagramsInDocsAreTheCodes() {
        ModuleStructure.verifyDiagramsAreCurrent(MemberApplication.class, Path.of("../docs/modules/member-svc"));
    }

    @Test
    void everyTypeTheApiTakesOrAnswersHasASchemaNameOfItsOwn() {
        SchemaNames.assertNoTwoDocumentedTypesShareAName(MemberApplication.class);
    }
}

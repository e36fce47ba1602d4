package dev.santong.aftersales;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.ModuleStructure;
import dev.santong.platform.testkit.SchemaNames;

class ArchitectureTest {

    @Test
    void modulesUseEachOthersApiOnlyAndEachTableHasOneOwner() {
        ModuleStructure.verify(AftersalesApplication.class);
    }

    @Test
    void theModuleDiagramsInDocsAreTheCodes() {
        ModuleStructure.verifyDiagramsAreCurrent(AftersalesApplication.class, Path.of("../docs/modules/service-svc"));
    }

    @Test
    void everyTypeTheApiTakesOrAnswersHasASchemaNameOfItsOwn() {
        SchemaNames.assertNoTwoDocumentedTypesShareAName(AftersalesApplication.class);
    }
}

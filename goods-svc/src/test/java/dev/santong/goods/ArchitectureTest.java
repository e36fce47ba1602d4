package dev.santong.goods;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.ModuleStructure;
import dev.santong.platform.testkit.SchemaNames;

class ArchitectureTest {

    @Test
    void modulesUseEachOthersApiOnlyAndEachTableHasOneOwner() {
        ModuleStructure.verify(GoodsApplication.class);
    }

    @Test
    void theModuleDiagramsInDocsAreTheCodes() {
        ModuleStructure.verifyDiagramsAreCurrent(GoodsApplication.class, Path.of("../docs/modules/goods-svc"));
    }

    @Test
    void everyTypeTheApiTakesOrAnswersHasASchemaNameOfItsOwn() {
        SchemaNames.assertNoTwoDocumentedTypesShareAName(GoodsApplication.class);
    }
}

package dev.santong.channelsync;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.ModuleStructure;
import dev.santong.platform.testkit.SchemaNames;

class ArchitectureTest {

    @Test
    void modulesUseEachOthersApiOnlyAndEachTableHasOneOwner() {
        ModuleStructure.verify(ChannelSyncApplication.class);
    }

    @Test
    void theModuleDiagramsInDocsAreTheCodes() {
        ModuleStructure.verifyDiagramsAreCurrent(ChannelSyncApplication.class, Path.of("../docs/modules/channel-sync-svc"));
    }

    @Test
    void everyTypeTheApiTakesOrAnswersHasASchemaNameOfItsOwn() {
        SchemaNames.assertNoTwoDocumentedTypesShareAName(ChannelSyncApplication.class);
    }
}

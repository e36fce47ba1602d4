package dev.santong.platform.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;

class CapabilityStructureTest {

    @Test
    void aControllerThatTalksSqlFailsTheBuild() {
        String root = "dev.santong.fixture.sqlcontroller";
        assertThatThrownBy(() -> CapabilityStructure.verify(root, new ClassFileImporter().importPackages(root)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("OrderController").hasMessageContaining("JdbcClient");
    }

    @Test
    void aControllerThatCallsItsCapabilityPasses() {
        String root = "dev.santong.fixture.thincontroller";
        assertThatCode(() -> CapabilityStructure.verify(root, new ClassFileImporter().importPackages(root))).doesNotThrowAnyException();
    }
}

package dev.santong.member;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.CapabilityStructure;

class ArchitectureTest {

    @Test
    void capabilitiesAreFreeOfCyclesAndOtherServicesCode() {
        CapabilityStructure.verify("dev.santong.member");
    }
}

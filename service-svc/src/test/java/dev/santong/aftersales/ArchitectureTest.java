package dev.santong.aftersales;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.CapabilityStructure;

class ArchitectureTest {

    @Test
    void capabilitiesAreFreeOfCyclesAndOtherServicesCode() {
        CapabilityStructure.verify("dev.santong.aftersales");
    }
}

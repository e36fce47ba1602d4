package dev.santong.goods;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.CapabilityStructure;

class ArchitectureTest {

    @Test
    void capabilitiesAreFreeOfCyclesAndOtherServicesCode() {
        CapabilityStructure.verify("dev.santong.goods");
    }
}

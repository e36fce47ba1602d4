package dev.santong.platform.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The house rule for a service's packages: the direct sub-packages of its root are capabilities that never depend
 * on each other in a cycle, and none of them reaches into another Santong service's code.
 */
public final class CapabilityStructure {

    private CapabilityStructure() {
    }

    public static void verify(String rootPackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(otherServices(rootPackage))
                .allowEmptyShould(true)
                .check(classes);
    }

    private static String[] otherServices(String rootPackage) {
        return java.util.stream.Stream.of("dev.santong.member..", "dev.santong.goods..", "dev.santong.aftersales..",
                        "dev.santong.channelsync..", "dev.santong.gateway..")
                .filter(other -> !other.equals(rootPackage + ".."))
                .toArray(String[]::new);
    }
}

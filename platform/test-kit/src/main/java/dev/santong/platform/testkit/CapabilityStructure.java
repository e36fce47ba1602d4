package dev.santong.platform.testkit;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.have;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The house rule for a service's packages: the direct sub-packages of its root are capabilities that never depend
 * on each other in a cycle, none of them reaches into another Santong service's code, and no controller talks SQL.
 */
public final class CapabilityStructure {

    private CapabilityStructure() {
    }

    public static void verify(String rootPackage) {
        verify(rootPackage, new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(rootPackage));
    }

    /** The same rules over classes already imported (the rules' own test feeds a deliberately wrong package). */
    public static void verify(String rootPackage, JavaClasses classes) {
        // A controller maps HTTP to one call of its capability; SQL lives in the capability that owns the table.
        noClasses().that().resideInAPackage(rootPackage + "..")
                .and(have(simpleNameEndingWith("Controller")).or(annotatedWith("org.springframework.web.bind.annotation.RestController"))
                        .or(annotatedWith("org.springframework.stereotype.Controller")))
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate")
                .allowEmptyShould(true)
                .check(classes);
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

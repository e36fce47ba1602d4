package dev.santong.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ImportOption;

class ModuleStructureTest {

    private static final ImportOption FIXTURES = location -> true;
    private static final Path SOURCES = Path.of("src/test/java");
    private static final Path MIGRATIONS = Path.of("src/test/resources/fixture-migrations");

    @Test
    void modulesThatUseEachOthersApiAndOwnTablesPass() {
        assertThatCode(() -> ModuleStructure.verify(dev.santong.fixture.wellformed.ShopApplication.class, FIXTURES, SOURCES, MIGRATIONS))
                .doesNotThrowAnyException();
    }

    @Test
    void aModuleThatReachesIntoAnothersInternalsFailsTheBuild() {
        assertThatThrownBy(() -> ModuleStructure.verify(dev.santong.fixture.internalreach.ShopApplication.class, FIXTURES, SOURCES, MIGRATIONS))
                .hasMessageContaining("OrderDesk").hasMessageContaining("InvoiceNumbers").hasMessageContaining("non-exposed");
    }

    @Test
    void aModuleThatWritesSqlOnAnothersTableFailsTheBuild() {
        assertThatThrownBy(() -> ModuleStructure.verify(dev.santong.fixture.tablereach.ShopApplication.class, FIXTURES, SOURCES, MIGRATIONS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("tablereach/orders/OrderDesk.java names table invoice in SQL, but it is owned by dev.santong.fixture.tablereach.billing");
    }

    @Test
    void tablesAreFoundInSqlLiteralsNotInCommentsOrProse() {
        String source = """
                // rows come from invoice
                /* DELETE FROM invoice */
                String a = "SELECT * FROM shop_order o JOIN `invoice` i ON i.id = o.id";
                String b = "invoice_line";
                char quote = '"';
                String d = "UPDATE x SET y = 1";
                """;
        assertThat(ModuleStructure.tablesNamedIn(source, Set.of("shop_order", "invoice", "invoice_line", "x")))
                .containsExactlyInAnyOrder("shop_order", "invoice", "invoice_line", "x");
    }

    @Test
    void diagramsListTheirElementsInOneOrderWhateverOrderTheDocumenterUsed() {
        String oneRun = "title\n  Component(b)\n  Component(a)\n}\nRel(b, a)\nRel(a, c)\n@enduml";
        String otherRun = "title\n  Component(a)\n  Component(b)\n}\nRel(a, c)\nRel(b, a)\n@enduml";
        assertThat(ModuleStructure.stableOrder(oneRun)).isEqualTo(ModuleStructure.stableOrder(otherRun))
                .isEqualTo("title\n  Component(a)\n  Component(b)\n}\nRel(a, c)\nRel(b, a)\n@enduml");
    }
}

package dev.santong.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class CsvExportTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void aTextThatASpreadsheetWouldRunIsKeptAsText() {
        assertThat(CsvExport.safe("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(CsvExport.safe("+1+1")).startsWith("'");
        assertThat(CsvExport.safe("@SUM(A1)")).startsWith("'");
        assertThat(CsvExport.safe("-cmd")).startsWith("'");
        assertThat(CsvExport.safe("-12.50")).as("a negative number stays a number").isEqualTo("-12.50");
        assertThat(CsvExport.safe("王小明")).isEqualTo("王小明");
    }

    @Test
    void moneyArraysAndAbsentValuesBecomeOneCellEach() {
        assertThat(CsvExport.cell(JSON.readTree("{\"amount\":\"398.00\",\"currency\":\"CNY\"}"))).isEqualTo("398.00 CNY");
        assertThat(CsvExport.cell(JSON.readTree("[\"gross\",\"tenders\"]"))).isEqualTo("gross; tenders");
        assertThat(CsvExport.cell(JSON.readTree("{}").path("missing"))).isEmpty();
        assertThat(CsvExport.cell(JSON.readTree("null"))).isEmpty();
        assertThat(CsvExport.cell(JSON.readTree("-3"))).isEqualTo("-3");
        assertThat(CsvExport.cell(JSON.readTree("[\"=1+1\"]"))).as("made safe once, as the whole cell").isEqualTo("=1+1");
    }
}

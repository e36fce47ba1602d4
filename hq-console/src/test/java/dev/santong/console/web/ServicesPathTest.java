package dev.santong.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServicesPathTest {

    @Test
    void aSearchTextStaysOneValueWhateverItHolds() {
        assertThat(Services.path("/api/members", Services.query("name", "A&B=C +x", "limit", 20, "cursor", null)))
                .isEqualTo("/api/members?name=A%26B%3DC%20%2Bx&limit=20");
        assertThat(Services.path("/api/goods/skus", Services.query("q", "王 小明"))).isEqualTo("/api/goods/skus?q=%E7%8E%8B%20%E5%B0%8F%E6%98%8E");
    }

    @Test
    void pathVariablesAreEncodedWholeAndEmptyParametersLeftOut() {
        assertThat(Services.path("/api/goods/stock/{sku}/{location}/holds", Services.query("cursor", ""), "A/B", "9"))
                .isEqualTo("/api/goods/stock/A%2FB/9/holds");
    }
}

package dev.santong.goods.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GtinTest {

    @Test
    void acceptsEveryGs1LengthWithItsCheckDigit() {
        assertThat(Gtin.parse("96385074")).map(Gtin::gtin14).contains("00000096385074");
        assertThat(Gtin.parse("036000291452")).map(Gtin::gtin14).contains("00036000291452");
        assertThat(Gtin.parse("4006381333931")).map(Gtin::gtin14).contains("04006381333931");
        assertThat(Gtin.parse("10012345678902")).map(Gtin::gtin14).contains("10012345678902");
    }

    @Test
    void upcAndItsEan13SpellingAreOneGtin() {
        assertThat(Gtin.parse("036000291452")).isEqualTo(Gtin.parse("0036000291452"));
    }

    @Test
    void refusesWrongCheckDigitLengthOrLetters() {
        assertThat(Gtin.parse("4006381333932")).isEmpty();
        assertThat(Gtin.parse("400638133393")).isEmpty();
        assertThat(Gtin.parse("40063813339A1")).isEmpty();
        assertThat(Gtin.parse(null)).isEmpty();
    }
}

package dev.santong.platform.kit.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.ser.FilterProvider;

class Version1MoneyTest {

    record Priced(String sku, @MoneyInVersion1(amount = "amount", currency = "currency") Money price, @MoneyInVersion1 Money deposit,
            @MoneyInVersion1(asObject = true) Money refund, @Version1Only BigDecimal sum, Money always) {
    }

    record Mislabelled(@MoneyInVersion1 BigDecimal amount) {
    }

    private final JsonMapper mapper = JsonMapper.builder().addModule(Version1Money.module()).build();
    private final Priced priced = new Priced("OX-BLU-M", Money.of(new BigDecimal("199"), "CNY"), null, Money.of(new BigDecimal("5.5"), "CNY"),
            new BigDecimal("204.50"), Money.of(new BigDecimal("1200"), "JPY"));

    @Test
    void anyWritingButAnAnswerToAVersion1ClientWritesTheMoneyObject() {
        assertThat(mapper.writeValueAsString(priced)).isEqualTo("""
                {"sku":"OX-BLU-M","price":{"amount":"199.00","currency":"CNY"},"deposit":null,\
                "refund":{"amount":"5.50","currency":"CNY"},"always":{"amount":"1200","currency":"JPY"}}""");
    }

    @Test
    void anAnswerToAVersion1ClientGetsTheNumbersUnderTheirOldNames() {
        FilterProvider version1 = (FilterProvider) new Version1Money.Advice().determineWriteHints(null, null, null, null)
                .getOrDefault(FilterProvider.class.getName(), null);
        assertThat(version1).as("outside a request nothing is an answer to version 1").isNull();
        assertThat(mapper.writer().with(Version1Money.VERSION_1_ANSWER).writeValueAsString(priced)).isEqualTo("""
                {"sku":"OX-BLU-M","amount":199.00,"currency":"CNY","deposit":null,"refund":{"amount":5.50,"currency":"CNY"},\
                "sum":204.50,"always":{"amount":"1200","currency":"JPY"}}""");
    }

    @Test
    void anAnnotatedFieldThatIsNotMoneyIsAMistakeFoundAtOnce() {
        assertThatThrownBy(() -> mapper.writeValueAsString(new Mislabelled(BigDecimal.ONE))).hasStackTraceContaining("not Money");
    }
}

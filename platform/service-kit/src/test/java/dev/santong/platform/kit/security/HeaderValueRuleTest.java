package dev.santong.platform.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The loop says what Spring Security's own expression says, for every character there is. */
class HeaderValueRuleTest {

    /** Spring Security's StrictHttpFirewall default for header and parameter names and values. */
    private static final Pattern SPRING_DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void agreesWithTheFirewallsExpressionOnEveryCodePoint() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                continue;
            }
            String value = "a" + Character.toString(codePoint) + "b";
            assertThat(HeaderValueRule.INSTANCE.test(value)).as("U+%04X", codePoint).isEqualTo(SPRING_DEFAULT.matcher(value).matches());
        }
    }

    @Test
    void refusesWhatSmugglesAndPassesWhatShopsSend() {
        assertThat(HeaderValueRule.INSTANCE.test("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).isTrue();
        assertThat(HeaderValueRule.INSTANCE.test("上海 静安店")).isTrue();
        assertThat(HeaderValueRule.INSTANCE.test("")).isTrue();
        assertThat(HeaderValueRule.INSTANCE.test("value\r\nSet-Cookie: x=1")).isFalse();
        assertThat(HeaderValueRule.INSTANCE.test("nul\u0000")).isFalse();
        assertThat(HeaderValueRule.INSTANCE.test("del\u007f")).isFalse();
        assertThat(HeaderValueRule.INSTANCE.test("unassigned\u0378")).isFalse();
    }
}

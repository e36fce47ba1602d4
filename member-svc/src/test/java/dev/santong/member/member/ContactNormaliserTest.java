package dev.santong.member.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.santong.platform.kit.problem.InvalidRequestException;

class ContactNormaliserTest {

    private final ContactNormaliser chinaTill = new ContactNormaliser("CN");

    @Test
    void mainlandMobileTypedAtTillBecomesE164() {
        assertThat(chinaTill.phone("phone", "138 0013 8000")).isEqualTo("+8613800138000");
        assertThat(chinaTill.phone("phone", "+86 138-0013-8000")).isEqualTo("+8613800138000");
        assertThat(chinaTill.phone("phone", "008613800138000")).isEqualTo("+8613800138000");
    }

    @Test
    void foreignNumberWithCountryCodeKeepsItsCountry() {
        assertThat(chinaTill.phone("phone", "+44 20 7946 0958")).isEqualTo("+442079460958");
    }

    @Test
    void impossibleNumberIsRefusedNamingTheField() {
        assertThatThrownBy(() -> chinaTill.phone("phone", "12345"))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).errors().getFirst().field()).isEqualTo("phone"));
        assertThatThrownBy(() -> chinaTill.phone("phone", "call me")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(chinaTill.email("  Wei.Zhang@Example.COM ")).isEqualTo("wei.zhang@example.com");
    }

    @Test
    void maskShowsPrefixAndLastFourOnly() {
        assertThat(ContactNormaliser.maskPhone("+8613812345678")).isEqualTo("138****5678");
        assertThat(ContactNormaliser.maskEmail("wei@example.com")).isEqualTo("w***@example.com");
    }
}

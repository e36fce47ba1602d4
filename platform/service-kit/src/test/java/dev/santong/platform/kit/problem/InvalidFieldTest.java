package dev.santong.platform.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

class InvalidFieldTest {

    @AfterEach
    void englishAgain() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void constraintsHaveStableCodes() {
        assertThat(InvalidField.codeOfConstraint("NotBlank")).isEqualTo("required");
        assertThat(InvalidField.codeOfConstraint("DecimalMin")).isEqualTo("too-small");
        assertThat(InvalidField.codeOfConstraint("Max")).isEqualTo("too-large");
        assertThat(InvalidField.codeOfConstraint("Pattern")).isEqualTo("pattern");
        assertThat(InvalidField.codeOfConstraint("ValidPhoneNumber")).as("a constraint of the suite's own").isEqualTo("valid-phone-number");
        assertThat(InvalidField.codeOfConstraint(null)).isEqualTo("invalid");
        assertThat(new InvalidField("near", "must be lat,lon").code()).isEqualTo("invalid");
    }

    @Test
    void theKitsTextsFollowTheRequestsLanguageAndFallBackToEnglish() {
        assertThat(ApiProblems.invalid(java.util.List.of(new InvalidField("limit", "required", "is required"))).getTitle()).isEqualTo("Invalid request");
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(ApiProblems.invalid(java.util.List.of(new InvalidField("limit", "required", "不能为空"))).getTitle()).isEqualTo("请求无效");
        assertThat(new ResourceNotFoundException("SKU", 1234).localizedDetail()).isEqualTo("SKU 1234 不存在");
        assertThat(ProblemTexts.title("no-such-problem", "Something")).as("no Chinese text: the English one").isEqualTo("Something");
    }
}

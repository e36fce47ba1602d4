package dev.santong.platform.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.accept.ApiVersionHolder;
import org.springframework.web.accept.SemanticApiVersionParser;

class BareInVersion1AdviceTest {

    private final SemanticApiVersionParser parser = new SemanticApiVersionParser();

    @Test
    void versionOneAndNoVersionGetTheBareArrayAndTwoOnGetThePage() {
        // Spring MVC keeps the resolved version in a holder on the request.
        assertThat(BareInVersion1Advice.isVersion1(ApiVersionHolder.fromVersion(parser.parseVersion("1")))).isTrue();
        assertThat(BareInVersion1Advice.isVersion1(ApiVersionHolder.fromVersion(parser.parseVersion("1.5")))).isTrue();
        assertThat(BareInVersion1Advice.isVersion1(ApiVersionHolder.EMPTY)).isTrue();
        assertThat(BareInVersion1Advice.isVersion1(null)).isTrue();
        assertThat(BareInVersion1Advice.isVersion1(ApiVersionHolder.fromVersion(parser.parseVersion("2")))).isFalse();
        assertThat(BareInVersion1Advice.isVersion1(ApiVersionHolder.fromVersion(parser.parseVersion("10")))).isFalse();
    }
}

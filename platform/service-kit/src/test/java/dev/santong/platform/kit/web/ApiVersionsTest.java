package dev.santong.platform.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.accept.ApiVersionHolder;
import org.springframework.web.accept.SemanticApiVersionParser;

class ApiVersionsTest {

    private final SemanticApiVersionParser parser = new SemanticApiVersionParser();

    @Test
    void versionOneAndNoVersionGetTheBareArrayAndTwoOnGetThePage() {
        // Spring MVC keeps the resolved version in a holder on the request.
        assertThat(ApiVersions.isVersion1(ApiVersionHolder.fromVersion(parser.parseVersion("1")))).isTrue();
        assertThat(ApiVersions.isVersion1(ApiVersionHolder.fromVersion(parser.parseVersion("1.5")))).isTrue();
        assertThat(ApiVersions.isVersion1(ApiVersionHolder.EMPTY)).isTrue();
        assertThat(ApiVersions.isVersion1((Object) null)).isTrue();
        assertThat(ApiVersions.isVersion1(ApiVersionHolder.fromVersion(parser.parseVersion("2")))).isFalse();
        assertThat(ApiVersions.isVersion1(ApiVersionHolder.fromVersion(parser.parseVersion("10")))).isFalse();
    }
}

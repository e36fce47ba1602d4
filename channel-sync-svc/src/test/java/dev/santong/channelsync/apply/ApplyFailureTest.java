package dev.santong.channelsync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;

import feign.FeignException;
import feign.Request;

class ApplyFailureTest {

    private static FeignException status(int status, String body) {
        Request request = Request.create(Request.HttpMethod.POST, "http://goods/api/goods/stock/movements", Map.of(), new byte[0],
                StandardCharsets.UTF_8, null);
        return FeignException.errorStatus("move", feign.Response.builder().status(status).reason("x").request(request).headers(Map.of())
                .body(body, StandardCharsets.UTF_8).build());
    }

    @Test
    void aRefusalIsPermanentAndQuotesTheProblemsDetailAndFields() {
        ApplyFailure failure = ApplyFailure.of("stock movement", status(400, """
                {"title":"Invalid request","detail":"1 field is invalid","errors":[{"field":"quantity","reason":"has the wrong sign"}]}"""));
        assertThat(failure.permanent()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("stock movement: 400 1 field is invalid; quantity has the wrong sign");
    }

    @Test
    void aServiceDownSlowOrThrottlingIsTransientWhereverTheBreakerWrappedIt() {
        assertThat(ApplyFailure.of("x", status(503, "")).permanent()).isFalse();
        assertThat(ApplyFailure.of("x", status(429, "")).permanent()).isFalse();
        assertThat(ApplyFailure.of("x", status(408, "")).permanent()).isFalse();
        assertThat(ApplyFailure.of("x", new NoFallbackAvailableException("open", new java.net.ConnectException("refused"))).permanent()).isFalse();
        assertThat(ApplyFailure.of("x", new NoFallbackAvailableException("wrapped", status(404, "{}"))).permanent()).isTrue();
        assertThat(ApplyFailure.isNotFound(new NoFallbackAvailableException("wrapped", status(404, "{}")))).isTrue();
    }
}

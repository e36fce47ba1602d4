package dev.santong.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ServiceFailureTest {

    @Test
    void aRefusalShowsTheServicesOwnWordsWithEachFieldAndAnOutageSaysSo() {
        var problem = JsonMapper.shared().readTree("""
                {"title": "Invalid request", "detail": "The request is invalid",
                 "errors": [{"field": "day", "code": "type", "reason": "must be a date"}]}""");
        ServiceFailure refused = ServiceFailure.refused(Services.Service.SYNC, 400, problem);
        assertThat(refused.detail()).isEqualTo("The request is invalid: day must be a date");
        assertThat(refused.unavailable()).isFalse();
        assertThat(ServiceFailure.refused(Services.Service.SYNC, 403, JsonMapper.shared().readTree("{\"title\": \"Forbidden\"}")).detail())
                .isEqualTo("Forbidden");
        assertThat(ServiceFailure.unavailable(Services.Service.GOODS).unavailable()).isTrue();
    }
}

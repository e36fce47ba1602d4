package dev.santong.member.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

@StackTest
@ExtendWith(OutputCaptureExtension.class)
class NoPersonalDataInLogsIT {

    @Autowired
    Api api;

    @Test
    void enrolmentsLookupsConflictsAndRefusalsLogNoPhoneEmailOrName(Tokens tokens, CapturedOutput output) {
        Api till = api.as(tokens.pos("9"));
        Map<String, Object> body = Map.of("channel", "STORE", "storeId", "9", "phone", "13977771234", "email", "LogProbe@Example.com",
                "displayName", "Loggable Person");
        till.post("/api/members", body);
        till.post("/api/members", body);
        till.get("/api/members/lookup?phone=13977771234");
        till.get("/api/members/lookup?phone=13977779999");
        till.post("/api/members", Map.of("channel", "STORE", "storeId", "9", "phone", "139777712"));
        till.post("/api/members", Map.of("channel", "STORE", "storeId", "12", "phone", "13977771235"));
        api.as(tokens.hqAdmin()).patch("/api/members/me", Map.of("displayName", "Loggable Person"));

        assertThat(output.getAll()).doesNotContain("13977771234").doesNotContain("13977779999").doesNotContain("139777712")
                .doesNotContain("13977771235").doesNotContainIgnoringCase("logprobe@example.com").doesNotContain("Loggable");
    }
}

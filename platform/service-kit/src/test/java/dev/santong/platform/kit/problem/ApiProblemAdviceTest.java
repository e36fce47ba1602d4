package dev.santong.platform.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiProblemAdviceTest {

    @Test
    void onlyTheConstraintNameOfADuplicateIsKeptNotTheValue() {
        String mariadb = "Duplicate entry 'PHONE-+8613800138000' for key 'uq_member_identity_value'";
        String mysql8 = "Duplicate entry 'PHONE-+8613800138000' for key 'member_identity.uq_member_identity_value'";
        assertThat(ApiProblemAdvice.constraintOf(mariadb)).isEqualTo("uq_member_identity_value");
        assertThat(ApiProblemAdvice.constraintOf(mysql8)).isEqualTo("member_identity.uq_member_identity_value");
        assertThat(ApiProblemAdvice.constraintOf("something else")).isEqualTo("unknown");
    }
}

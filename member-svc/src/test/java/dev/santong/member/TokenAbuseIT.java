package dev.santong.member;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.santong.platform.testkit.AbusedTokens;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.LocalStack;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/** member-svc called directly, as from inside the cluster, refuses every abused token the gateway refuses. */
@StackTest
class TokenAbuseIT {

    @Autowired
    Api api;

    @Test
    void everyAbusedTokenIsRefusedWithoutData(Tokens tokens) {
        AbusedTokens.assertEachRefused(api, "/api/members/00000000-0000-0000-0000-000000000001", AbusedTokens.all(tokens, LocalStack.fromEnvironment()));
    }
}

package dev.santong.channelsync;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.santong.platform.testkit.AbusedTokens;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.LocalStack;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/** channel-sync-svc called directly, as from inside the cluster, refuses every abused token the gateway refuses. */
@StackTest
@TestPropertySource(properties = { "santong.sync.apply.enabled=false", "santong.remotes.goods-url=http://127.0.0.1:9", "santong.remotes.member-url=http://127.0.0.1:9" })
class TokenAbuseIT {

    @Autowired
    Api api;

    @Test
    void everyAbusedTokenIsRefusedWithoutData(Tokens tokens) {
        AbusedTokens.assertEachRefused(api, "/api/sync/gaps", AbusedTokens.all(tokens, LocalStack.fromEnvironment()));
    }
}

package dev.santong.goods.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/** goods-svc takes tokens only of the clients that call it (azp allow-list), whatever roles a token carries. */
@StackTest
class TokenClientsIT {

    @Autowired
    Api api;

    @Test
    void aTokenOfAServiceThatNeverCallsGoodsIsRefusedAndTheCallersAreTaken(Tokens tokens) {
        // member-svc's account relays erasures; it has no business with goods and its token is refused outright.
        Api.Response memberSvc = api.as(tokens.clientCredentials("member-svc", "member-svc-secret")).get("/api/goods/locations");
        assertThat(memberSvc.status()).isEqualTo(401);
        assertThat(memberSvc.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(memberSvc.body()).doesNotContain("member-svc");

        assertThat(api.as(tokens.clientCredentials("channel-sync", "channel-sync-secret")).get("/api/goods/locations").status()).isEqualTo(200);
        assertThat(api.as(tokens.aftersales()).get("/api/goods/locations").status()).isEqualTo(200);
        assertThat(api.as(tokens.pos("12")).get("/api/goods/locations").status()).isEqualTo(200);
        assertThat(api.as(tokens.customer("alice")).get("/api/goods/shop/skus").status()).isEqualTo(200);
    }
}

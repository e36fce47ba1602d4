package dev.santong.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/**
 * A busy caller's permits are leased from Redis in blocks, and still no more pass than the shared limit allows, also
 * when another replica takes from the same limit meanwhile.
 */
@StackTest
@TestPropertySource(properties = {
        "santong.routes.member=http://127.0.0.1:19",
        "management.server.port=0",
        "santong.gateway.rate-limit.classes.shop-backend.requests=100",
        "santong.gateway.rate-limit.classes.shop-backend.period=PT120S",
        "santong.gateway.rate-limit.key-prefix=lease:${random.uuid}:" })
class RateLimitLeaseIT {

    @LocalServerPort
    int port;

    @Autowired
    RedissonClient redisson;

    /** As bound: each reading of the property would draw a new random prefix. */
    @Autowired
    dev.santong.gateway.ratelimit.RateLimitProperties limits;

    @Test
    void leasedPermitsNeverLetMoreThroughThanTheSharedLimit(Tokens tokens) {
        Api shop = Api.at("http://localhost:" + port).as(tokens.shopBackend());
        assertThat(shop.get("/api/members/me").status()).as("the first call leases a block").isNotEqualTo(429);
        // Another replica of the gateway serving the same client takes 37 of the 100 from Redis.
        assertThat(redisson.getRateLimiter(limits.keyPrefix() + "client:shop-backend").tryAcquire(37)).isTrue();
        int passed = 1;
        for (int i = 0; i < 119; i++) {
            passed += shop.get("/api/members/me").status() != 429 ? 1 : 0;
        }
        assertThat(passed).as("the 100 of the period, less the other replica's 37").isEqualTo(63);
    }
}

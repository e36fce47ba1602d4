package dev.santong.goods.stock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import dev.santong.goods.GoodsApplication;
import dev.santong.platform.testkit.StackTest;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A scheduled job runs once per cluster: two replicas on one database, each scheduling reservation expiry every
 * 100 ms, run it together about once per lock period (1 s), not forty times a second between them.
 */
@StackTest
@TestPropertySource(properties = { "santong.reservations.expiry-interval=PT0.1S", "santong.reservations.expiry-lock-at-least=PT1S" })
class ClusterJobsIT {

    @Autowired
    Environment environment;

    @Autowired
    MeterRegistry meters;

    @Test
    void reservationExpiryRunsOncePerLockPeriodAcrossTwoReplicas() throws InterruptedException {
        // The second replica: the same service on the same schema, in a context of its own (arguments outrank its yaml).
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(GoodsApplication.class).run(
                "--server.port=0", "--spring.flyway.enabled=false",
                "--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getRequiredProperty("spring.datasource.password"),
                "--santong.security.issuer-uri=" + environment.getRequiredProperty("santong.security.issuer-uri"),
                "--santong.reservations.expiry-interval=PT0.1S", "--santong.reservations.expiry-lock-at-least=PT1S")) {
            MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
            double before = runs(meters) + runs(secondMeters);
            Thread.sleep(4_000);
            double during = runs(meters) + runs(secondMeters) - before;
            System.out.printf("reservation expiry: %.0f runs across two replicas in 4 s%n", during);
            // Unlocked, each replica would run about 40 times in 4 s; locked, the pair runs at most once a second.
            assertThat(during).as("runs of both replicas in 4 s").isBetween(1.0, 6.0);
        }
    }

    private static double runs(MeterRegistry registry) {
        return registry.get("santong.jobs.runs").tag("job", "reservation-expiry").counter().count();
    }
}

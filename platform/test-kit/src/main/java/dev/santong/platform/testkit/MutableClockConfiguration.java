package dev.santong.platform.testkit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** {@code @Import} it into a {@link StackTest} to run the application on a {@link MutableClock} the test moves. */
@TestConfiguration(proxyBeanMethods = false)
public class MutableClockConfiguration {

    @Bean
    MutableClock clock() {
        return MutableClock.startingNow();
    }
}

package dev.santong.platform.kit.feign;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.openfeign.CircuitBreakerNameResolver;
import org.springframework.cloud.openfeign.support.FeignHttpMessageConverters;
import org.springframework.context.annotation.Bean;

import feign.Feign;
import feign.Retryer;

/** Switches on when a service brings OpenFeign; timeouts come from {@code KitDefaults}. */
@AutoConfiguration
@ConditionalOnClass({ Feign.class, CircuitBreakerNameResolver.class })
public class FeignDefaultsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Retryer idempotentOnlyRetryer() {
        return new IdempotentOnlyRetryer(3, 100, 1_000);
    }

    @Bean
    CallerContextRelay callerContextRelay(ObjectProvider<io.micrometer.tracing.Tracer> tracer,
            ObjectProvider<io.micrometer.tracing.propagation.Propagator> propagator) {
        return new CallerContextRelay(tracer, propagator);
    }

    /**
     * Fills Feign's message converters once at start-up: they are filled lazily without a lock, and a service's first
     * concurrent calls saw an empty or half-filled list ("'messageConverters' must not be empty"; spring-cloud-openfeign
     * issue 1371, fixed after the 2025.1.2 release train).
     */
    @Bean
    SmartInitializingSingleton feignMessageConvertersFilledAtStart(ObjectProvider<FeignHttpMessageConverters> converters) {
        return () -> converters.ifAvailable(FeignHttpMessageConverters::getConverters);
    }

    /** One breaker per remote service (the Feign client's name), so one slow endpoint opens it for the whole remote. */
    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerNameResolver remoteNamedCircuitBreakers() {
        return (feignClientName, target, method) -> feignClientName;
    }
}

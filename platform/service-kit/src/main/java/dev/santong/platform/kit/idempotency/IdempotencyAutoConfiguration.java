package dev.santong.platform.kit.idempotency;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every servlet service with a database honours {@code Idempotency-Key} on its POSTs; the service brings the
 * {@code idempotency_request} table in a Flyway migration. Runs after Spring Security (order 0 against its -100), so
 * keys are scoped to an authenticated caller and a refused token never claims one.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(name = "santong.idempotency.enabled", havingValue = "true", matchIfMissing = true)
public class IdempotencyAutoConfiguration {

    @Bean
    IdempotencyRecords idempotencyRecords(DataSource dataSource, Clock clock,
            @Value("${santong.idempotency.lease:PT2M}") Duration lease,
            @Value("${santong.idempotency.retention:PT24H}") Duration retention) {
        return new IdempotencyRecords(JdbcClient.create(dataSource), clock, lease, retention);
    }

    @Bean
    FilterRegistrationBean<IdempotencyKeyFilter> idempotencyKeyFilter(IdempotencyRecords records,
            @Value("${santong.idempotency.in-flight-wait:PT3S}") Duration inFlightWait) {
        FilterRegistrationBean<IdempotencyKeyFilter> registration = new FilterRegistrationBean<>(new IdempotencyKeyFilter(records, inFlightWait));
        registration.setOrder(0);
        return registration;
    }
}

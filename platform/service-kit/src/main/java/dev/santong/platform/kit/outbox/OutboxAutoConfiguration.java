package dev.santong.platform.kit.outbox;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The outbox for services that bring Spring Modulith's JDBC event publication registry: the redelivery worker, the
 * failure reasons, and HQ's view and replay. The service brings the tables ({@code event_publication},
 * {@code outbox_failure}) in a Flyway migration.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration",
        "org.springframework.modulith.events.config.EventPublicationAutoConfiguration" })
@ConditionalOnClass({ EventPublicationRegistry.class, IncompleteEventPublications.class })
@ConditionalOnBean({ DataSource.class, EventPublicationRegistry.class })
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxFailures outboxFailures(DataSource dataSource, PlatformTransactionManager transactions) {
        return new OutboxFailures(JdbcClient.create(dataSource), transactions);
    }

    @Bean
    Outbox outbox(EventPublicationRegistry registry, IncompleteEventPublications incomplete, OutboxFailures failures,
            OutboxProperties properties, ObjectProvider<Clock> clock) {
        return new Outbox(registry, incomplete, failures, properties, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    OutboxMetrics outboxMetrics(EventPublicationRegistry registry, OutboxProperties properties, ObjectProvider<Clock> clock) {
        return new OutboxMetrics(registry, properties, clock.getIfAvailable(Clock::systemUTC), Duration.ofSeconds(15));
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static OutboxDeliveryAdvisor outboxDeliveryAdvisor(ObjectProvider<OutboxFailures> failures, ObjectProvider<Clock> clock) {
        return new OutboxDeliveryAdvisor(failures, clock);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    OutboxController outboxController(Outbox outbox) {
        return new OutboxController(outbox);
    }
}

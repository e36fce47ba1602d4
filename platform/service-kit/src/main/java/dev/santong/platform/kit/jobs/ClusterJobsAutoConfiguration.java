package dev.santong.platform.kit.jobs;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

/**
 * Scheduled jobs run once per cluster, however many replicas run them: a job annotated {@code @SchedulerLock} takes
 * a row of the service's {@code shedlock} table first (ShedLock, times from the database so replicas' clocks do not
 * matter). The service brings the table in a Flyway migration.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ LockProvider.class, JdbcTemplateLockProvider.class })
@ConditionalOnBean(DataSource.class)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
public class ClusterJobsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LockProvider clusterJobLocks(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder().withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime().build());
    }
}

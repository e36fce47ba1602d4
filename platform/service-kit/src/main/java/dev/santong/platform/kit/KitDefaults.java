package dev.santong.platform.kit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Defaults every service shares, added with the lowest precedence so a service's
 * application.yaml or an environment variable from the chart always wins.
 */
public class KitDefaults implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "santongKitDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.probes.add-additional-paths", "true");
        // Readiness means "can serve": the database and Redis must answer; liveness never checks them,
        // so an outage of a dependency does not make Kubernetes restart every pod.
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,db,redis");
        defaults.put("management.endpoint.health.validate-group-membership", "false");
        defaults.put("management.endpoint.health.show-components", "always");
        defaults.put("management.endpoint.health.show-details", "never");
        defaults.put("management.metrics.tags.application", "${spring.application.name}");
        // Servlet services use the kit's ApiProblemAdvice; Boot's own handler would shadow it.
        defaults.put("spring.mvc.problemdetails.enabled", "false");
        defaults.put("springdoc.api-docs.enabled", "true");
        // Answers are JSON unless an operation says otherwise; "*/*" tells a client generator nothing.
        defaults.put("springdoc.default-produces-media-type", "application/json");
        // W3C trace context only, in and out; metrics stay on Prometheus until an OTLP endpoint is configured.
        defaults.put("management.tracing.propagation.type", "W3C");
        // Every trace is kept (the suite's volume is modest); an operator lowers it with MANAGEMENT_TRACING_SAMPLING_PROBABILITY.
        // Spans leave only when an OTLP endpoint is set (management.opentelemetry.tracing.export.otlp.endpoint).
        defaults.put("management.tracing.sampling.probability", "1.0");
        defaults.put("management.otlp.metrics.export.enabled", "false");
        // The trace and span of every line (the trace id is also the correlation id callers see); blank outside a trace.
        defaults.put("logging.pattern.correlation", "[${spring.application.name},%X{traceId:-},%X{spanId:-}] ");
        // Request latency as a histogram (aggregated over replicas by Prometheus) and its SLO buckets for the alerts.
        defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        defaults.put("management.metrics.distribution.slo.http.server.requests", "100ms,250ms,500ms,1s,2s,5s");
        defaults.put("management.metrics.distribution.minimum-expected-value.http.server.requests", "5ms");
        defaults.put("management.metrics.distribution.maximum-expected-value.http.server.requests", "30s");
        // Connector/J: statements parsed once per connection, not per call; autocommit and isolation changes sent only
        // when they change; batches sent as multi-row statements.
        defaults.put("spring.datasource.hikari.data-source-properties.cachePrepStmts", "true");
        defaults.put("spring.datasource.hikari.data-source-properties.prepStmtCacheSize", "256");
        defaults.put("spring.datasource.hikari.data-source-properties.prepStmtCacheSqlLimit", "4096");
        defaults.put("spring.datasource.hikari.data-source-properties.useLocalSessionState", "true");
        defaults.put("spring.datasource.hikari.data-source-properties.rewriteBatchedStatements", "true");
        defaults.put("spring.datasource.hikari.data-source-properties.cacheServerConfiguration", "true");
        defaults.put("spring.cloud.openfeign.client.config.default.connect-timeout", "2000");
        defaults.put("spring.cloud.openfeign.client.config.default.read-timeout", "5000");
        defaults.put("spring.cloud.openfeign.circuitbreaker.enabled", "true");
        // The breaker runs the call on the caller's thread: the relayed token, the correlation id and the request
        // context stay with it, and Feign's read timeout (not a 1 s time limiter) decides when a call is too slow.
        defaults.put("spring.cloud.circuitbreaker.resilience4j.disable-thread-pool", "true");
        defaults.put("spring.cloud.circuitbreaker.resilience4j.disable-time-limiter", "true");
        // A 4xx is the request's fault, not the remote's: it must not open the remote's breaker for everyone. (Only
        // where Feign is: the gateway's breakers have no Feign class to name.)
        if (ClassUtils.isPresent("feign.FeignException", application.getClassLoader())) {
            defaults.put("resilience4j.circuitbreaker.configs.default.ignore-exceptions[0]", "feign.FeignException$FeignClientException");
        }
        // The outbox, where a service brings Spring Modulith's JDBC registry: a delivered event leaves no row (it may
        // carry digests of erased values); one stuck in flight after a crash counts as failed after 10 min and is tried again.
        if (ClassUtils.isPresent("org.springframework.modulith.events.jdbc.JdbcEventPublicationRepository", application.getClassLoader())) {
            defaults.put("spring.modulith.events.completion-mode", "delete");
            defaults.put("spring.modulith.events.staleness.published", "10m");
            defaults.put("spring.modulith.events.staleness.processing", "10m");
            defaults.put("spring.modulith.events.staleness.resubmission", "10m");
        }
        // API versions (ADR 0011): a client may name the version it was written for in API-Version; without one it gets 1,
        // today's. Version 2 answers every list as items and next (BareInVersion1); 1 keeps the bare arrays it had.
        defaults.put("spring.mvc.apiversion.use.header", "API-Version");
        defaults.put("spring.mvc.apiversion.default", "1");
        defaults.put("spring.mvc.apiversion.supported", "1,2");
        defaults.put("spring.mvc.apiversion.required", "false");
        defaults.put("server.shutdown", "graceful");
        defaults.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

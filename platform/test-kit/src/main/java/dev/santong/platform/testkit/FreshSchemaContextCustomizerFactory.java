package dev.santong.platform.testkit;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * For a {@link StackTest}: points the application at the local stack and swaps its schema for a fresh one.
 * Runs after the application's own configuration is loaded, so the schema and user come from its
 * {@code application.yaml} and nothing is repeated in tests.
 */
public class FreshSchemaContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).isPresent(StackTest.class)) {
            return null;
        }
        return new FreshSchemaCustomizer(testClass);
    }

    /** Equal only for the same test class: each class gets its own context and schema. */
    record FreshSchemaCustomizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            LocalStack stack = LocalStack.fromEnvironment();
            ConfigurableEnvironment environment = context.getEnvironment();
            Map<String, Object> properties = new HashMap<>();
            properties.put("santong.security.issuer-uri", stack.issuerUri());
            properties.put("spring.data.redis.host", stack.redisHost());
            properties.put("spring.data.redis.port", stack.redisPort());
            String url = environment.getProperty("spring.datasource.url");
            if (url != null) {
                String user = environment.getRequiredProperty("spring.datasource.username");
                FreshSchema schema = FreshSchema.create(stack, schemaOf(url), user);
                properties.put("spring.datasource.url", schema.jdbcUrl());
                // A lambda's event type cannot be resolved: it would be handed every event, and a multicaster that does not
                // swallow the resulting ClassCastException (Spring Modulith's) would fail start-up.
                context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
                    if (event instanceof ContextClosedEvent) {
                        schema.drop();
                    }
                });
            }
            environment.getPropertySources().addFirst(new MapPropertySource("santongLocalStack", properties));
            // The service under test, for the test to autowire: created when the test asks, after the server took its port.
            if (context instanceof GenericApplicationContext beans) {
                beans.registerBean("serviceUnderTest", Api.class, () -> Api.at("http://localhost:" + environment.getProperty("local.server.port")),
                        definition -> definition.setLazyInit(true));
            }
        }

        static String schemaOf(String jdbcUrl) {
            String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
            return path.startsWith("/") ? path.substring(1) : path;
        }
    }
}

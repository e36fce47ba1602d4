package dev.santong.platform.kit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/** One line a developer (or ./santong) can look for: the service is up, and where. */
public class ReadyLogger implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ReadyLogger.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.info("{} ready at http://localhost:{} (OpenAPI /v3/api-docs, readiness /actuator/health/readiness)",
                environment.getProperty("spring.application.name", "service"), port);
    }
}

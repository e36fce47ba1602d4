package dev.santong.console.web;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the services are (inside the cluster; the chart sets their names), and how long a page waits for one: a
 * service that does not answer in time is shown as unavailable in its part of the page, the rest still loads.
 */
@ConfigurationProperties("santong.console")
public record ConsoleProperties(URI members, URI goods, URI aftersales, URI sync, Duration timeout) {

    public ConsoleProperties {
        members = members == null ? URI.create("http://127.0.0.1:8081") : members;
        goods = goods == null ? URI.create("http://127.0.0.1:8082") : goods;
        aftersales = aftersales == null ? URI.create("http://127.0.0.1:8083") : aftersales;
        sync = sync == null ? URI.create("http://127.0.0.1:8084") : sync;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }
}

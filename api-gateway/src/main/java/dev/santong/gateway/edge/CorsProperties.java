package dev.santong.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowedOrigins the browser origins of the online shop (and the console) that may call the API from script
 * @param maxAge         how long a browser may keep a preflight's answer
 */
@ConfigurationProperties("santong.gateway.cors")
record CorsProperties(@DefaultValue("http://localhost:3000") List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {
}

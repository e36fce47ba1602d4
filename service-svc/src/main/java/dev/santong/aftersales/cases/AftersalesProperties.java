package dev.santong.aftersales.cases;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param firstResponse time to the first response the brand promises, per case type */
@ConfigurationProperties("santong.aftersales")
record AftersalesProperties(Map<CaseType, Duration> firstResponse) {

    public AftersalesProperties {
        Map<CaseType, Duration> complete = new EnumMap<>(CaseType.class);
        for (CaseType type : CaseType.values()) {
            complete.put(type, Duration.ofHours(24));
        }
        if (firstResponse != null) {
            complete.putAll(firstResponse);
        }
        firstResponse = Map.copyOf(complete);
    }
}

package dev.santong.member.member;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param defaultPhoneRegion ISO 3166 region assumed for numbers typed without +country code
 * @param qrSecret           HMAC key of member codes (at least 32 bytes; from a Secret on Kubernetes)
 * @param qrLifetime         how long a member code shown in the app is accepted at a till
 */
@ConfigurationProperties("santong.member")
record MemberProperties(String defaultPhoneRegion, String qrSecret, Duration qrLifetime) {

    public MemberProperties {
        if (defaultPhoneRegion == null || defaultPhoneRegion.isBlank()) {
            defaultPhoneRegion = "CN";
        }
        if (qrSecret == null || qrSecret.length() < 32) {
            throw new IllegalArgumentException("santong.member.qr-secret must be at least 32 characters");
        }
        if (qrLifetime == null || qrLifetime.isNegative() || qrLifetime.isZero()) {
            qrLifetime = Duration.ofSeconds(60);
        }
    }
}

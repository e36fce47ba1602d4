package dev.santong.member.member;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param defaultPhoneRegion ISO 3166 region assumed for numbers typed without +country code */
@ConfigurationProperties("santong.member")
public record MemberProperties(String defaultPhoneRegion) {

    public MemberProperties {
        if (defaultPhoneRegion == null || defaultPhoneRegion.isBlank()) {
            defaultPhoneRegion = "CN";
        }
    }
}

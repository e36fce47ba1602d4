package dev.santong.platform.kit.security;

import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/** Signature is checked by the decoder; these add expiry/not-before, issuer, audience, a subject and the client allow-list. */
public final class SantongTokenValidators {

    private SantongTokenValidators() {
    }

    public static OAuth2TokenValidator<Jwt> forProperties(SantongSecurityProperties properties) {
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(properties.audience()));
        OAuth2TokenValidator<Jwt> subject = new JwtClaimValidator<String>(JwtClaimNames.SUB,
                sub -> sub != null && !sub.isBlank());
        OAuth2TokenValidator<Jwt> client = new JwtClaimValidator<String>("azp", properties::allowsClient);
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuerUri()), audience, subject, client);
    }
}

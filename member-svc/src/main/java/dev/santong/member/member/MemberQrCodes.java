package dev.santong.member.member;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.santong.platform.kit.problem.InvalidRequestException;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The rotating member code the shop app shows at the till: a short-lived token signed by member-svc, so a
 * screenshot stops working within a minute and nobody can make one for someone else.
 */
@Component
class MemberQrCodes {

    @Schema(example = """
            {"token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMWEyMGJjNSJ9.x1K3", "expiresAt": "2026-11-21T06:05:00Z"}""")
    public record QrCode(String token, Instant expiresAt) {
    }

    private static final String AUDIENCE = "santong-till";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;

    MemberQrCodes(MemberProperties properties, Clock clock) throws JOSEException {
        byte[] secret = properties.qrSecret().getBytes(StandardCharsets.UTF_8);
        this.signer = new MACSigner(secret);
        this.verifier = new MACVerifier(secret);
        this.lifetime = properties.qrLifetime();
        this.clock = clock;
    }

    public QrCode issue(String memberId) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(memberId).audience(AUDIENCE).issueTime(Date.from(now))
                .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a member code", e);
        }
        return new QrCode(jwt.serialize(), expires);
    }

    /** The member id in a scanned code; a forged, foreign or expired code is a 400 naming the field. */
    public String memberIdOf(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(verifier) || !jwt.getJWTClaimsSet().getAudience().contains(AUDIENCE)) {
                throw new InvalidRequestException("qr", "is not a member code issued by Santong");
            }
            Date expires = jwt.getJWTClaimsSet().getExpirationTime();
            if (expires == null || !expires.toInstant().isAfter(clock.instant())) {
                throw new InvalidRequestException("qr", "has expired; ask the shopper to refresh the code in the app");
            }
            return jwt.getJWTClaimsSet().getSubject();
        } catch (ParseException | JOSEException e) {
            throw new InvalidRequestException("qr", "is not a member code issued by Santong");
        }
    }
}

package dev.fairbill.gateway.config;

import java.nio.charset.StandardCharsets;

import jakarta.validation.constraints.AssertTrue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The HMAC secret shared with the services that verify the gateway's internal JWT. */
@Validated
@ConfigurationProperties("fairbill.security.internal-jwt")
public record InternalJwtProperties(String secret) {

    private static final int MINIMUM_SECRET_BYTES = 32;

    // Checked here rather than with @Size so that a rejected secret never appears in the startup error.
    @AssertTrue(message = "must be set to at least 32 bytes (256 bits, required by HS256);"
            + " set FAIRBILL_SECURITY_INTERNAL_JWT_SECRET")
    public boolean isSecretLongEnough() {
        return secret != null && secret.getBytes(StandardCharsets.UTF_8).length >= MINIMUM_SECRET_BYTES;
    }

    public byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "InternalJwtProperties[secret=<redacted>]";
    }
}

package dev.fairbill.platform.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

/**
 * How the services trust the gateway: it signs a short-lived JWT (HS256) with a secret both sides share.
 *
 * @param secret      the shared HMAC secret, at least 32 bytes
 * @param issuer      expected {@code iss}
 * @param audience    expected entry of {@code aud}
 * @param scopeFamily this service's scope prefix: GET needs {@code <family>:read}, other methods {@code <family>:write}
 * @param tenants     the tenants this deployment serves; a token naming any other is refused
 * @param reviewPaths POST paths (patterns) that need {@code <family>:review} instead of {@code <family>:write}
 */
@Validated
@ConfigurationProperties("fairbill.security.internal-jwt")
public record InternalJwtProperties(@NotBlank String secret,
                                    @NotBlank String issuer,
                                    @NotBlank String audience,
                                    @NotBlank String scopeFamily,
                                    @NotEmpty Set<@NotBlank String> tenants,
                                    @DefaultValue List<@NotBlank String> reviewPaths) {

    @AssertTrue(message = "fairbill.security.internal-jwt.secret must be at least 32 bytes (HS256)")
    public boolean isSecretLongEnough() {
        return secret != null && secret.getBytes(StandardCharsets.UTF_8).length >= 32;
    }
}

package dev.fairbill.gateway.config;

import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import dev.fairbill.gateway.security.Scope;

/**
 * One API key as configured: only the hex SHA-256 of the key is ever stored, never the key.
 *
 * @param mode {@code live} (the default) or {@code test}; only a test-mode key may create and use test clocks
 */
public record ApiKeyProperties(
        @NotBlank String id,
        @NotBlank String tenant,
        @NotNull
        @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be the hex SHA-256 of the key (64 hex digits)")
        String sha256,
        @NotEmpty Set<@NotNull Scope> scopes,
        @Pattern(regexp = "test|live", message = "must be test or live") String mode) {

    public boolean testMode() {
        return "test".equals(mode);
    }
}

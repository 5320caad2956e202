package dev.fairbill.gateway.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

@Validated
@ConfigurationProperties("fairbill.gateway")
public record GatewayProperties(
        @NotEmpty List<@Valid ApiKeyProperties> apiKeys,
        @Valid @DefaultValue RateLimitProperties rateLimit) {

    @AssertTrue(message = "every API key id must be unique")
    public boolean isEveryKeyIdUnique() {
        return allDistinct(ApiKeyProperties::id);
    }

    @AssertTrue(message = "every API key hash must be unique")
    public boolean isEveryKeyHashUnique() {
        return allDistinct(key -> key.sha256() == null ? null : key.sha256().toLowerCase(Locale.ROOT));
    }

    private boolean allDistinct(Function<ApiKeyProperties, String> attribute) {
        if (apiKeys == null) {
            return true;
        }
        var seen = new HashSet<String>();
        return apiKeys.stream().map(attribute).filter(Objects::nonNull).allMatch(seen::add);
    }
}

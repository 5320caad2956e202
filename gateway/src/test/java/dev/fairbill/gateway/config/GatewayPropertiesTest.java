package dev.fairbill.gateway.config;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.gateway.security.Scope;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayPropertiesTest {

    private static final String KEY = "fairbill.gateway.api-keys[0].";
    private static final String SECOND_KEY = "fairbill.gateway.api-keys[1].";
    private static final String HASH = "88d93f487518528834f5c6b82e31a3e81bf0d03b1e9833fc680163703c1213dc";
    private static final String OTHER_HASH = "a868c5aa4d1c3b3daf797057042c19b0cabfcb8388ff53c8c3289bd7f085409f";
    private static final String[] VALID_SETTINGS = {
            KEY + "id=key_panel_admin",
            KEY + "tenant=panel",
            KEY + "sha256=" + HASH,
            KEY + "scopes=billing:read,refunds:review",
            "fairbill.security.internal-jwt.secret=local-dev-internal-jwt-secret-change-me-0123456789"
    };

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(BindGatewayProperties.class)
            .withPropertyValues(VALID_SETTINGS);

    @Test
    void validConfigurationBindsWithRateLimitDefaults() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            GatewayProperties properties = context.getBean(GatewayProperties.class);
            assertThat(properties.apiKeys()).singleElement().satisfies(key -> {
                assertThat(key.tenant()).isEqualTo("panel");
                assertThat(key.scopes()).containsExactlyInAnyOrder(Scope.BILLING_READ, Scope.REFUNDS_REVIEW);
            });
            assertThat(properties.rateLimit()).isEqualTo(new RateLimitProperties(50, 100,
                    new RateLimitProperties.Bucket(2, 20), new RateLimitProperties.Bucket(100, 500), 100_000,
                    new RateLimitProperties.Redis(null, "fairbill:rate-limit:", java.time.Duration.ofMillis(100),
                            java.time.Duration.ofSeconds(5))));
        });
    }

    @Test
    void keyWithoutTenantStopsStartup() {
        assertThat(startupFailure(KEY + "tenant=")).contains("apiKeys[0].tenant", "must not be blank");
    }

    @Test
    void malformedHashStopsStartup() {
        assertThat(startupFailure(KEY + "sha256=sk_test_panel"))
                .contains("apiKeys[0].sha256", "must be the hex SHA-256 of the key");
    }

    @Test
    void unknownScopeStopsStartup() {
        assertThat(startupFailure(KEY + "scopes=billing:read,refunds:approve"))
                .contains("fairbill.gateway.api-keys[0].scopes", "refunds:approve");
    }

    @Test
    void duplicateKeyIdStopsStartup() {
        assertThat(startupFailure(SECOND_KEY + "id=key_panel_admin", SECOND_KEY + "tenant=chat",
                SECOND_KEY + "sha256=" + OTHER_HASH, SECOND_KEY + "scopes=billing:read"))
                .contains("every API key id must be unique");
    }

    @Test
    void sameKeyConfiguredTwiceStopsStartup() {
        assertThat(startupFailure(SECOND_KEY + "id=key_chat_admin", SECOND_KEY + "tenant=chat",
                SECOND_KEY + "sha256=" + HASH.toUpperCase(Locale.ROOT), SECOND_KEY + "scopes=billing:read"))
                .contains("every API key hash must be unique");
    }

    @Test
    void noKeysStopStartup() {
        String failure = failureOf(new ApplicationContextRunner()
                .withUserConfiguration(BindGatewayProperties.class)
                .withPropertyValues(VALID_SETTINGS[4]));

        assertThat(failure).contains("apiKeys", "must not be empty");
    }

    @Test
    void shortJwtSecretStopsStartupWithoutRevealingIt() {
        assertThat(startupFailure("fairbill.security.internal-jwt.secret=too-short-secret"))
                .contains("at least 32 bytes", "FAIRBILL_SECURITY_INTERNAL_JWT_SECRET")
                .doesNotContain("too-short-secret");
    }

    @Test
    void missingJwtSecretStopsStartup() {
        assertThat(startupFailure("fairbill.security.internal-jwt.secret=")).contains("at least 32 bytes");
    }

    private String startupFailure(String... overrides) {
        return failureOf(runner.withPropertyValues(overrides));
    }

    private static String failureOf(ApplicationContextRunner runner) {
        StringWriter failure = new StringWriter();
        runner.run(context -> {
            assertThat(context).hasFailed();
            context.getStartupFailure().printStackTrace(new PrintWriter(failure));
        });
        return failure.toString();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({GatewayProperties.class, InternalJwtProperties.class})
    static class BindGatewayProperties {
    }
}

package dev.fairbill.gateway.config;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.gateway.security.ApiKeyRegistry;
import dev.fairbill.gateway.security.Caller;
import dev.fairbill.gateway.security.Scope;

import static org.assertj.core.api.Assertions.assertThat;

/** The keys docs/api.md promises for the local stack work against the hashes in application-local.yml. */
class FixtureKeysTest {

    private static final Set<Scope> READ_SCOPES = Set.of(Scope.BILLING_READ, Scope.LEDGER_READ, Scope.REFUNDS_READ);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("spring.profiles.active=local")
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(BindGatewayProperties.class);

    @ParameterizedTest
    @ValueSource(strings = {"panel", "studio", "imaging", "smm", "chat"})
    void adminKeyHoldsEveryScope(String tenant) {
        runner.run(context -> assertThat(registry(context.getBean(GatewayProperties.class)).find("sk_test_" + tenant))
                .contains(new Caller("key_" + tenant + "_admin", tenant, Set.of(Scope.values()), true)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"panel", "studio", "imaging", "smm", "chat"})
    void readOnlyKeyHoldsOnlyTheReadScopes(String tenant) {
        runner.run(context -> assertThat(registry(context.getBean(GatewayProperties.class)).find("rk_test_" + tenant))
                .contains(new Caller("key_" + tenant + "_read", tenant, READ_SCOPES, true)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"panel", "studio", "imaging", "smm", "chat"})
    void reviewerKeyReadsAndReviewsButWritesNothing(String tenant) {
        Set<Scope> reviewer = new java.util.HashSet<>(READ_SCOPES);
        reviewer.add(Scope.REFUNDS_REVIEW);
        runner.run(context -> assertThat(registry(context.getBean(GatewayProperties.class)).find("rv_test_" + tenant))
                .contains(new Caller("key_" + tenant + "_review", tenant, reviewer, true)));
    }

    private static ApiKeyRegistry registry(GatewayProperties properties) {
        return new ApiKeyRegistry(properties.apiKeys());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class BindGatewayProperties {
    }
}

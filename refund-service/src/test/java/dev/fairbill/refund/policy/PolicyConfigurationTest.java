package dev.fairbill.refund.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Tenants' refund settings are bound and validated at startup; a bad one stops the service, naming the setting. */
class PolicyConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PolicyConfiguration.class);

    @Test
    void theShippedSettingsGiveEachFixtureTenantItsTemplate() {
        runner.withInitializer(context -> ConfigDataEnvironmentPostProcessor.applyTo(context.getEnvironment()))
                .run(context -> {
                    TenantPolicies tenants = context.getBean(TenantPolicies.class);
                    assertThat(tenants.forTenant("panel").document().id()).isEqualTo("final-sale-reseller");
                    assertThat(tenants.forTenant("studio").document().id())
                            .isEqualTo("final-sale-duplicates-refunded");
                    assertThat(tenants.forTenant("imaging").document().id()).isEqualTo("exceptions-within-7-days");
                    assertThat(tenants.forTenant("smm").document().id()).isEqualTo("refill-or-refund");
                    assertThat(tenants.forTenant("chat").document().id()).isEqualTo("cooling-off-prorata");
                    assertThat(context.getBean(PolicyCatalog.class).all()).hasSize(5);
                    assertThat(context).hasSingleBean(PolicyEngine.class);
                });
    }

    @Test
    void overridesReplaceTheTemplatesParameters() {
        runner.withPropertyValues("fairbill.refunds.tenants.imaging.template=exceptions-within-7-days",
                "fairbill.refunds.tenants.imaging.review-sla-business-days=4",
                "fairbill.refunds.tenants.imaging.request-window=P14D",
                "fairbill.refunds.tenants.imaging.holidays=2026-03-03,2026-03-04",
                "fairbill.refunds.tenants.smm.template=refill-or-refund",
                "fairbill.refunds.tenants.smm.refill-window=60d").run(context -> {
                    TenantPolicy imaging = context.getBean(TenantPolicies.class).forTenant("imaging");
                    assertThat(imaging.parameters().duration("requestWindow")).contains(Duration.ofDays(14));
                    assertThat(imaging.parameters().duration("longOutage")).contains(Duration.ofHours(24));
                    assertThat(imaging.holidays()).containsExactlyInAnyOrder(LocalDate.parse("2026-03-03"),
                            LocalDate.parse("2026-03-04"));
                    // Monday + 4 business days, Tuesday and Wednesday being holidays
                    assertThat(imaging.reviewDueBy(Instant.parse("2026-03-02T10:00:00Z")))
                            .isEqualTo(Instant.parse("2026-03-10T10:00:00Z"));
                    assertThat(context.getBean(TenantPolicies.class).forTenant("smm").parameters()
                            .duration("refillWindow")).contains(Duration.ofDays(60));
                });
    }

    @Test
    void anUnknownTemplateStopsStartup() {
        assertThat(startupFailure("fairbill.refunds.tenants.panel.template=no-refunds-ever"))
                .contains("fairbill.refunds.tenants.panel.template", "unknown refund policy template 'no-refunds-ever'");
    }

    @Test
    void anOverrideTheTemplateDoesNotHaveStopsStartup() {
        assertThat(startupFailure("fairbill.refunds.tenants.panel.template=final-sale-reseller",
                "fairbill.refunds.tenants.panel.request-window=P7D"))
                .contains("fairbill.refunds.tenants.panel.request-window", "final-sale-reseller cannot take it");
    }

    @Test
    void aReviewSlaOfZeroStopsStartup() {
        assertThat(startupFailure("fairbill.refunds.tenants.imaging.template=exceptions-within-7-days",
                "fairbill.refunds.tenants.imaging.review-sla-business-days=0"))
                .contains("tenants[imaging].reviewSlaBusinessDays", "must be greater than 0");
    }

    @Test
    void aNegativeWindowStopsStartup() {
        assertThat(startupFailure("fairbill.refunds.tenants.imaging.template=exceptions-within-7-days",
                "fairbill.refunds.tenants.imaging.request-window=-P1D"))
                .contains("request-window, long-outage, cooling-off and refill-window must be positive");
    }

    @Test
    void noTenantsStopStartup() {
        assertThat(startupFailure()).contains("fairbill.refunds", "tenants");
    }

    @Test
    void anInvalidPolicyDocumentStopsStartup() throws Exception {
        URL brokenRoot = getClass().getClassLoader().getResource("broken-classpath/");
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader withBrokenPolicy = new URLClassLoader(new URL[] {brokenRoot}, original)) {
            thread.setContextClassLoader(withBrokenPolicy);
            assertThat(startupFailure("fairbill.refunds.tenants.panel.template=final-sale-reseller"))
                    .contains("invalid refund policy policies/broken-template.yaml, clause 'bad-reason'",
                            "unknown reason 'REFUND_ME'");
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    private String startupFailure(String... settings) {
        StringBuilder failure = new StringBuilder();
        runner.withPropertyValues(settings).run(context -> {
            assertThat(context).hasFailed();
            for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
                failure.append(cause.getMessage()).append('\n');
            }
        });
        return failure.toString();
    }
}

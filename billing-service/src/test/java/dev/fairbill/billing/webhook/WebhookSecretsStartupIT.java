package dev.fairbill.billing.webhook;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fairbill.billing.BillingApplication;
import dev.fairbill.platform.testsupport.FairbillTestEnvironment;

/**
 * Billing as a deployment starts it: only the packaged configuration, no profile. Without webhook secrets it must not
 * start, and it must say what to set; the published local test secrets are refused unless the local profile is on;
 * with real secrets, a tenant that names no payment processor is refused as well.
 */
class WebhookSecretsStartupIT {

    @Test
    void withoutWebhookSecretsBillingRefusesToStartAndSaysWhatToSet() {
        assertThatThrownBy(() -> start()).rootCause()
                .hasMessageContaining("No webhook secrets for tenant(s) [chat, imaging, panel, smm, studio]")
                .hasMessageContaining("FAIRBILL_WEBHOOKS_<TENANT>_STRIPESECRETS");
    }

    @Test
    void withThePublishedTestSecretsBillingStartsOnlyInTheLocalProfile() {
        assertThatThrownBy(() -> start("--spring.config.additional-location=classpath:/application-local.yml"))
                .rootCause().hasMessageContaining("published local test secrets");
        try (ConfigurableApplicationContext started = start("--spring.profiles.active=local")) {
            // started: the local stack's fixtures are fine where they belong
        }
    }

    @Test
    void withRealSecretsButATenantOnNoProcessorBillingRefusesToStartOutsideTheLocalProfile() {
        List<String> arguments = new ArrayList<>();
        for (String tenant : List.of("chat", "imaging", "panel", "smm", "studio")) {
            arguments.add("--fairbill.webhooks." + tenant + ".stripe-secrets=whsec_live_" + tenant);
            arguments.add("--fairbill.webhooks." + tenant + ".adyen-hmac-key=" + HexFormat.of().formatHex(
                    ("hmac_live_" + tenant).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            if (!tenant.equals("smm")) {
                arguments.add("--fairbill.processors." + tenant + ".processor=sandbox");
            }
        }
        assertThatThrownBy(() -> start(arguments.toArray(String[]::new))).rootCause()
                .hasMessageContaining("Tenant(s) [smm] name no payment processor")
                .hasMessageContaining("FAIRBILL_PROCESSORS_<TENANT>_PROCESSOR");
    }

    /** Started with the packaged configuration only (not the tests' config/application.yml) and these arguments. */
    private static ConfigurableApplicationContext start(String... arguments) {
        var args = new ArrayList<>(List.of("--spring.config.location=classpath:/application.yml",
                "--server.port=0", "--management.server.port=0"));
        args.addAll(List.of(arguments));
        return new SpringApplicationBuilder(BillingApplication.class)
                .initializers(context -> FairbillTestEnvironment.properties(FairbillTestEnvironment.newDatabase())
                        .applyTo(context))
                .run(args.toArray(String[]::new));
    }
}

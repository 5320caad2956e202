package dev.fairbill.billing.webhook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** No tenant without webhook secrets, and the published test secrets only in the local profile. */
class WebhookSecretsCheckTest {

    private static final WebhookSecrets.Tenant REAL = new WebhookSecrets.Tenant(List.of("whsec_Zr8kQ2"), "a1b2c3");
    private static final WebhookSecrets.Tenant PUBLISHED_STRIPE = new WebhookSecrets.Tenant(
            List.of("whsec_Zr8kQ2", "whsec_test_panel"), "a1b2c3");
    private static final WebhookSecrets.Tenant PUBLISHED_ADYEN = new WebhookSecrets.Tenant(List.of("whsec_Zr8kQ2"),
            "77687365635f746573745f70616e656c");

    @Test
    void aTenantOfTheCatalogWithoutSecretsStopsTheServiceNamingTheTenantAndTheSettings() {
        assertThatThrownBy(() -> WebhookSecretsCheck.verify(new WebhookSecrets(Map.of("panel", REAL)),
                List.of("panel", "studio", "chat"), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[chat, studio]")
                .hasMessageContaining("FAIRBILL_WEBHOOKS_<TENANT>_STRIPESECRETS")
                .hasMessageContaining("FAIRBILL_WEBHOOKS_<TENANT>_ADYENHMACKEY");
        assertThatThrownBy(() -> WebhookSecretsCheck.verify(new WebhookSecrets(Map.of()), List.of("panel"), true))
                .hasMessageContaining("[panel]");
    }

    @Test
    void thePublishedTestSecretsStopTheServiceOutsideTheLocalProfile() {
        assertThatThrownBy(() -> WebhookSecretsCheck.verify(new WebhookSecrets(Map.of("panel", PUBLISHED_STRIPE)),
                List.of("panel"), false)).hasMessageContaining("[panel]").hasMessageContaining("published");
        assertThatThrownBy(() -> WebhookSecretsCheck.verify(new WebhookSecrets(Map.of("panel", PUBLISHED_ADYEN)),
                List.of("panel"), false)).hasMessageContaining("[panel]").hasMessageContaining("published");
    }

    @Test
    void thePublishedTestSecretsAreAcceptedInTheLocalProfileAndRealOnesEverywhere() {
        assertThatCode(() -> WebhookSecretsCheck.verify(new WebhookSecrets(Map.of("panel", PUBLISHED_STRIPE)),
                List.of("panel"), true)).doesNotThrowAnyException();
        assertThatCode(() -> WebhookSecretsCheck.verify(new WebhookSecrets(Map.of("panel", REAL, "old", REAL)),
                List.of("panel"), false)).doesNotThrowAnyException();
    }
}

package dev.fairbill.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fairbill.billing.payment.ProcessorSettings.Processor;
import dev.fairbill.billing.payment.ProcessorSettings.Stripe;
import dev.fairbill.billing.payment.ProcessorSettings.Tenant;

/** Which processor each tenant charges through, and the start-up check of what a processor needs. */
class PaymentGatewaysTest {

    private static final SandboxPaymentGateway SANDBOX = new SandboxPaymentGateway(
            new SandboxProperties(Duration.ZERO), null);
    private static final Stripe STRIPE = new Stripe("sk_test_x", URI.create("https://api.stripe.com"), 2,
            Duration.ofSeconds(20));

    @Test
    void aTenantNotNamedUsesTheSandbox() {
        var gateways = new PaymentGateways(SANDBOX, new ProcessorSettings(Map.of()));

        assertThat(gateways.forTenant("panel")).isSameAs(SANDBOX);
        assertThat(gateways.of("panel", null)).isSameAs(SANDBOX);
    }

    @Test
    void aStripeTenantChargesThroughStripeAndItsEarlierSandboxCallsStayOnTheSandbox() {
        var gateways = new PaymentGateways(SANDBOX, new ProcessorSettings(Map.of("panel",
                new Tenant(Processor.STRIPE, STRIPE, null))));

        assertThat(gateways.forTenant("panel").name()).isEqualTo("stripe");
        assertThat(gateways.of("panel", "stripe").name()).isEqualTo("stripe");
        assertThat(gateways.of("panel", "sandbox")).isSameAs(SANDBOX);
        assertThat(gateways.forTenant("studio")).isSameAs(SANDBOX);
    }

    @Test
    void aCallForAProcessorTheTenantLeftWaitsInsteadOfGoingElsewhere() {
        var gateways = new PaymentGateways(SANDBOX, new ProcessorSettings(Map.of()));

        assertThatThrownBy(() -> gateways.of("panel", "stripe")).isInstanceOf(ProcessorUnavailable.class);
    }

    @Test
    void aStripeTenantWithoutItsSecretKeyStopsTheService() {
        var settings = new ProcessorSettings(Map.of("panel", new Tenant(Processor.STRIPE,
                new Stripe(" ", URI.create("https://api.stripe.com"), 2, Duration.ofSeconds(20)), null)));

        assertThatThrownBy(() -> new PaymentGateways(SANDBOX, settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FAIRBILL_PROCESSORS_PANEL_STRIPE_SECRETKEY");
        assertThatThrownBy(() -> new PaymentGateways(SANDBOX, new ProcessorSettings(Map.of("panel",
                new Tenant(Processor.STRIPE, null, null))))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAdyenTenantChargesThroughAdyen() {
        var gateways = new PaymentGateways(SANDBOX, new ProcessorSettings(Map.of("panel",
                new Tenant(Processor.ADYEN, null, adyen("AQE_test", "FairbillECOM", false, null)))));

        assertThat(gateways.forTenant("panel").name()).isEqualTo("adyen");
        assertThat(gateways.forTenant("panel").knows("shopper-42/8415718415172204")).isTrue();
        assertThat(gateways.forTenant("panel").knows("pm_card_visa")).isFalse();
    }

    @Test
    void anAdyenTenantWithoutItsKeyMerchantAccountOrLiveAddressStopsTheService() {
        assertThatThrownBy(() -> gatewaysWith(new Tenant(Processor.ADYEN, null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FAIRBILL_PROCESSORS_PANEL_ADYEN_APIKEY");
        assertThatThrownBy(() -> gatewaysWith(new Tenant(Processor.ADYEN, null, adyen("AQE_test", " ", false, null))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ADYEN_MERCHANTACCOUNT");
        assertThatThrownBy(() -> gatewaysWith(new Tenant(Processor.ADYEN, null,
                adyen("AQE_live", "FairbillECOM", true, null))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ADYEN_LIVEURLPREFIX");
    }

    private static PaymentGateways gatewaysWith(Tenant tenant) {
        return new PaymentGateways(SANDBOX, new ProcessorSettings(Map.of("panel", tenant)));
    }

    private static ProcessorSettings.Adyen adyen(String key, String merchantAccount, boolean live, String prefix) {
        return new ProcessorSettings.Adyen(key, merchantAccount, live, prefix, null, null, List.of(), 2,
                Duration.ofSeconds(20));
    }
}

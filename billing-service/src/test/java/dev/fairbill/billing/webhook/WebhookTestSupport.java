package dev.fairbill.billing.webhook;

import static dev.fairbill.billing.BillingApi.admin;
import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Accounts and charges through billing's API, and processor webhooks signed with the fixture secrets. */
public final class WebhookTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final BillingApi api;

    WebhookTestSupport(int port) {
        this.api = new BillingApi(port);
    }

    BillingApi api() {
        return api;
    }

    String openCustomer(String tenant) {
        return api.openCustomer(tenant, "webhook-" + UUID.randomUUID());
    }

    /** A captured charge of 1000 EUR; returns the charge as the API answers it. */
    JsonNode capturedCharge(String tenant, String accountId) {
        return BillingApi.created(api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": 1000, "currency": "EUR"},
                 "description": "credits %s", "paymentMethod": "pm_card_ok"}""".formatted(accountId,
                UUID.randomUUID()), admin(tenant)));
    }

    JsonNode account(String tenant, String accountId) {
        var read = api.get("/api/v1/accounts/" + accountId, bearer(TestJwts.readOnly(tenant)));
        assertThat(read.status()).isEqualTo(200);
        return JSON.readTree(read.body());
    }

    ApiClient.Response postStripe(String tenant, String body, String signature) {
        return api.send("POST", "/webhooks/stripe/" + tenant, body, Map.of("Stripe-Signature", signature));
    }

    ApiClient.Response postAdyen(String tenant, String body) {
        return api.post("/webhooks/adyen/" + tenant, body, Map.of());
    }

    public static String stripeDisputeEvent(String eventId, String type, String disputeId, String processorChargeId,
                                     String status, Instant created) {
        return """
                {"id": "%s", "object": "event", "type": "%s", "created": %d, "livemode": false,
                 "data": {"object": {"id": "%s", "object": "dispute", "charge": "%s", "amount": 1000,
                  "currency": "eur", "reason": "fraudulent", "status": "%s",
                  "evidence_details": {"due_by": %d}}}}""".formatted(eventId, type, created.getEpochSecond(),
                disputeId, processorChargeId, status, created.plus(Duration.ofDays(10)).getEpochSecond());
    }

    public static String stripeSignature(String tenant, String body, Instant at) {
        return stripeSignature(tenant, body.getBytes(UTF_8), at);
    }

    public static String stripeSignature(String tenant, byte[] body, Instant at) {
        return StripeSignatureVerifierTest.header(at, "whsec_it_" + tenant, body);
    }

    /** The notification with each of its items signed again with the tenant's key, as Adyen would sign them. */
    public static String adyenSigned(String tenant, String notification) {
        var root = (ObjectNode) JSON.readTree(notification);
        root.get("notificationItems").forEach(wrapper -> AdyenHmacVerifierTest.signed(
                (ObjectNode) wrapper.get("NotificationRequestItem"), adyenKey(tenant)));
        return JSON.writeValueAsString(root);
    }

    private static String adyenKey(String tenant) {
        return HexFormat.of().formatHex(("whsec_it_" + tenant).getBytes(UTF_8));
    }

    public static String adyenNotification(String tenant, String eventCode, String disputePsp, String processorChargeId,
                                    String disputeStatus, Instant eventDate) {
        ObjectNode item = (ObjectNode) JSON.readTree("""
                {"pspReference": "%s", "originalReference": "%s", "merchantAccountCode": "Fairbill",
                 "merchantReference": "", "amount": {"value": 1000, "currency": "EUR"}, "eventCode": "%s",
                 "success": "true", "eventDate": "%s",
                 "additionalData": {"chargebackReasonCode": "10.4", "disputeStatus": "%s",
                  "defensePeriodEndsAt": "%s"}}""".formatted(disputePsp, processorChargeId, eventCode, eventDate,
                disputeStatus, eventDate.plus(Duration.ofDays(10))));
        AdyenHmacVerifierTest.signed(item, adyenKey(tenant));
        return """
                {"live": "false", "notificationItems": [{"NotificationRequestItem": %s}]}""".formatted(item);
    }

    /**
     * An Adyen notification about a payment or a refund, signed with the tenant's key.
     *
     * @param originalReference the payment's PSP reference, for a refund's items; empty for an authorisation
     * @param merchantReference our charge id (authorisation) or refund id (refund), or the operator's reference
     */
    public static String adyenPaymentNotification(String tenant, String eventCode, String pspReference,
                                                  String originalReference, String merchantReference, long amount,
                                                  boolean success, String reason) {
        ObjectNode item = (ObjectNode) JSON.readTree("""
                {"pspReference": "%s", "originalReference": "%s", "merchantAccountCode": "Fairbill_%s",
                 "merchantReference": "%s", "amount": {"value": %d, "currency": "EUR"}, "eventCode": "%s",
                 "success": "%s", "reason": "%s", "eventDate": "%s", "paymentMethod": "visa",
                 "additionalData": {}}""".formatted(pspReference, originalReference, tenant, merchantReference,
                amount, eventCode, success, reason, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        AdyenHmacVerifierTest.signed(item, adyenKey(tenant));
        return """
                {"live": "false", "notificationItems": [{"NotificationRequestItem": %s}]}""".formatted(item);
    }
}

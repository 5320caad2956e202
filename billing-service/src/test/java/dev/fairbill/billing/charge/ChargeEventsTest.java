package dev.fairbill.billing.charge;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import dev.fairbill.billing.charge.ChargeEvents.ChargeAwaitingBalance;
import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptured;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFailed;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefundRequested;
import dev.fairbill.billing.charge.ChargeEvents.ChargeRefunded;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.platform.money.Money;
import dev.fairbill.platform.testsupport.StoredEvents;
import tools.jackson.databind.json.JsonMapper;

/**
 * Charge events stored at revision 1, which listed the charge's terms field by field (and, before a charge could be
 * paid from cash balance, had no {@code paidFromBalance}), read back as revision 2 through the upcaster.
 */
class ChargeEventsTest {

    private static final String AT = "2026-11-22T10:15:30Z";
    private static final String CHARGE = """
            "chargeId": "ch_0000000000000000000000000C", "accountId": "acct_0000000000000000000000000A",
            "tenant": "studio", "amount": {"amount": 1000, "currency": "EUR"}, "description": "monthly",
            "subscriptionId": null, "billingPeriodStart": null, "purchaseId": null, "paymentMethod": "pm_card_ok",""";

    private final Jackson3Serializer serializer = Jackson3Serializer.builder().build();

    @Test
    void captureStoredAtRevisionOneReadsWithItsTermsAndNothingPaidFromBalance() {
        ChargeCaptured captured = stored("billing.ChargeCaptured", ChargeCaptured.class, "\"intentional\": true, "
                + "\"processor\": \"sandbox\", \"processorChargeId\": \"ch_sandbox_test\", \"capturedAt\": \"" + AT
                + "\"");

        assertThat(captured.chargeId()).isEqualTo(ChargeId.of("ch_0000000000000000000000000C"));
        assertThat(captured.terms().amount()).isEqualTo(Money.of(1000, "EUR"));
        assertThat(captured.intentional()).isTrue();
        assertThat(captured.paidFromBalance()).isEqualTo(Money.of(0, "EUR"));
        assertThat(captured.processorChargeId()).isEqualTo("ch_sandbox_test");
    }

    @Test
    void failureStoredUnderItsClassNameReadsAsNotIntentional() {
        ChargeFailed failed = stored("dev.fairbill.billing.domain.ChargeEvents$ChargeFailed", ChargeFailed.class,
                "\"processor\": \"sandbox\", \"failureCode\": \"card_declined\", \"failedAt\": \"" + AT + "\"");

        assertThat(failed.paymentMethod()).isEqualTo("pm_card_ok");
        assertThat(failed.intentional()).isFalse();
        assertThat(failed.paidFromBalance()).isEqualTo(Money.of(0, "EUR"));
        assertThat(failed.failureCode()).isEqualTo("card_declined");
    }

    @Test
    void awaitingBalanceStoredAtRevisionOneReadsWithItsTerms() {
        ChargeAwaitingBalance awaiting = stored("billing.ChargeAwaitingBalance", ChargeAwaitingBalance.class,
                "\"intentional\": false, \"requestedAt\": \"" + AT + "\"");

        assertThat(awaiting.terms().description()).isEqualTo("monthly");
        assertThat(awaiting.requestedAt()).hasToString(AT);
    }

    @Test
    void revisionTwoStoresTheTermsAsOneValueAndNothingElse() {
        var json = JsonMapper.builder().build();
        ChargeTerms terms = new ChargeTerms(ChargeId.of("ch_0000000000000000000000000C"), null, "studio",
                Money.of(1000, "EUR"), "monthly", null, null, null, "pm_card_ok", false);
        SerializedObject<byte[]> written = serializer.serialize(
                terms.captured("sandbox", "ch_sandbox_test", Money.of(0, "EUR"), java.time.Instant.parse(AT)),
                byte[].class);

        assertThat(json.readTree(written.getData()).propertyNames())
                .containsExactlyInAnyOrder("terms", "processor", "processorChargeId", "capturedAt", "paidFromBalance");
    }

    @Test
    void refundStoredAtRevisionOneReadsWithItsAmounts() {
        ChargeRefunded refunded = StoredEvents.readThrough(new ChargeUpcaster(), "billing.ChargeRefunded", "1", """
                {"chargeId": "ch_0000000000000000000000000C", "accountId": "acct_0000000000000000000000000A",
                 "tenant": "studio", "refundId": "rf_1", "amount": {"amount": 1000, "currency": "EUR"},
                 "amountRefunded": {"amount": 1500, "currency": "EUR"}, "processorRefundId": "re_1",
                 "reason": "DUPLICATE_CHARGE", "refundedAt": "%s", "toBalance": {"amount": 400, "currency": "EUR"}}"""
                .formatted(AT), "2", ChargeRefunded.class);

        assertThat(refunded.amount()).isEqualTo(Money.of(1000, "EUR"));
        assertThat(refunded.toBalance()).isEqualTo(Money.of(400, "EUR"));
        assertThat(refunded.toCard()).isEqualTo(Money.of(600, "EUR"));
        assertThat(refunded.amountRefunded()).isEqualTo(Money.of(1500, "EUR"));
        assertThat(refunded.refundId()).isEqualTo("rf_1");
    }

    @Test
    void refundStoredBeforeTheSplitWentWhollyToTheCard() {
        ChargeRefunded refunded = StoredEvents.readThrough(new ChargeUpcaster(),
                "dev.fairbill.billing.domain.ChargeEvents$ChargeRefunded", "1", """
                {"chargeId": "ch_0000000000000000000000000C", "accountId": "acct_0000000000000000000000000A",
                 "tenant": "studio", "refundId": "rf_1", "amount": {"amount": 1000, "currency": "EUR"},
                 "amountRefunded": {"amount": 1000, "currency": "EUR"}, "processorRefundId": "re_1",
                 "reason": "DUPLICATE_CHARGE", "refundedAt": "%s"}""".formatted(AT), "2", ChargeRefunded.class);

        assertThat(refunded.toBalance()).isNull();
        assertThat(refunded.toCard()).isEqualTo(Money.of(1000, "EUR"));
    }

    @Test
    void refundRequestStoredWithoutARevisionReadsWithItsSplit() {
        ChargeRefundRequested requested = StoredEvents.readThrough(new RefundSplitUpcaster(),
                "billing.ChargeRefundRequested", null, """
                        {"chargeId": "ch_0000000000000000000000000C", "accountId": "acct_0000000000000000000000000A",
                         "tenant": "studio", "refundId": "rf_1", "amount": {"amount": 1000, "currency": "EUR"},
                         "toCard": {"amount": 600, "currency": "EUR"}, "toBalance": {"amount": 400, "currency": "EUR"},
                         "reason": "DUPLICATE_CHARGE", "processorChargeId": "ch_sandbox_test",
                         "paymentMethod": "pm_card_ok", "requestedAt": "%s"}""".formatted(AT), "2",
                ChargeRefundRequested.class);

        assertThat(requested.amount()).isEqualTo(Money.of(1000, "EUR"));
        assertThat(requested.toCard()).isEqualTo(Money.of(600, "EUR"));
        assertThat(requested.toBalance()).isEqualTo(Money.of(400, "EUR"));
        assertThat(requested.refundId()).isEqualTo("rf_1");
        assertThat(requested.processorChargeId()).isEqualTo("ch_sandbox_test");
        assertThat(StoredEvents.writtenFields(requested)).containsExactlyInAnyOrder("chargeId", "accountId", "tenant",
                "refundId", "split", "reason", "processorChargeId", "paymentMethod", "requestedAt");
    }

    /** An event stored at revision 1 under {@code typeName}, upcast and read as {@code type}. */
    private <T> T stored(String typeName, Class<T> type, String fields) {
        byte[] payload = ("{" + CHARGE + fields + "}").getBytes(UTF_8);
        var entry = new GenericDomainEventEntry<>("Charge", "ch_0000000000000000000000000C", 0, "event-1",
                java.time.Instant.parse(AT), typeName, "1", payload, "{}".getBytes(UTF_8));
        IntermediateEventRepresentation upcast = new ChargeUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).findFirst().orElseThrow();
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        SerializedObject<byte[]> data = upcast.getData(byte[].class);
        return serializer.deserialize(new SimpleSerializedObject<>(data.getData(), byte[].class, type.getName(),
                "2"));
    }
}

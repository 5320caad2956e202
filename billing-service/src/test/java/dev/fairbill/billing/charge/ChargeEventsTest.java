package dev.fairbill.billing.charge;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptured;
import dev.fairbill.billing.charge.ChargeEvents.ChargeFailed;
import dev.fairbill.platform.money.Money;

/** Charge events stored before a charge could be paid from cash balance still read back, as paid by card alone. */
class ChargeEventsTest {

    private static final String AT = "2026-11-22T10:15:30Z";
    private static final String CHARGE = """
            "chargeId": "ch_0000000000000000000000000C", "accountId": "acct_0000000000000000000000000A",
            "tenant": "studio", "amount": {"amount": 1000, "currency": "EUR"}, "description": "monthly",
            "subscriptionId": null, "billingPeriodStart": null, "purchaseId": null, "paymentMethod": "pm_card_ok",
            "processor": "sandbox",""";

    private final Jackson3Serializer serializer = Jackson3Serializer.builder().build();

    @Test
    void captureStoredBeforeCashBalanceReadsAsPaidNothingFromBalance() {
        ChargeCaptured captured = stored(ChargeCaptured.class,
                "\"intentional\": false, \"processorChargeId\": \"ch_sandbox_test\", \"capturedAt\": \"" + AT + "\"");

        assertThat(captured.paidFromBalance()).isEqualTo(Money.of(0, "EUR"));
        assertThat(captured.processorChargeId()).isEqualTo("ch_sandbox_test");
    }

    @Test
    void failureStoredBeforeCashBalanceReadsAsPaidNothingFromBalance() {
        ChargeFailed failed = stored(ChargeFailed.class,
                "\"failureCode\": \"card_declined\", \"failedAt\": \"" + AT + "\"");

        assertThat(failed.paidFromBalance()).isEqualTo(Money.of(0, "EUR"));
        assertThat(failed.failureCode()).isEqualTo("card_declined");
    }

    /** An event of {@code type} as stored at revision 1 before {@code paidFromBalance} existed. */
    private <T> T stored(Class<T> type, String fields) {
        String json = "{" + CHARGE + fields + "}";
        return serializer.deserialize(new SimpleSerializedObject<>(json.getBytes(UTF_8), byte[].class,
                type.getName(), "1"));
    }
}

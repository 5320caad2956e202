package dev.fairbill.billing.subscription;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.junit.jupiter.api.Test;

import dev.fairbill.billing.subscription.SubscriptionEvents.SubscriptionCreated;
import dev.fairbill.platform.money.Money;

/**
 * A subscription created before its event kept its terms and schedule position as values reads back through the
 * upcaster.
 */
class SubscriptionEventsTest {

    private static final String REVISION_ONE = """
            {"subscriptionId": "sub_0000000000000000000000000S", "accountId": "acct_0000000000000000000000000A",
             "tenant": "panel", "plan": {"planId": "monthly", "price": {"amount": 1000, "currency": "EUR"},
             "listPrice": {"amount": 1000, "currency": "EUR"}, "interval": "MONTH", "includedCredits": 100,
             "trialDays": 0, "trialCredits": 0}, "price": {"amount": 750, "currency": "EUR"}, "couponPercentOff": 25,
             "paymentMethod": "pm_card_ok", "status": "ACTIVE", "startedAt": "2026-11-01T00:00:00Z",
             "period": {"start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"}, "trialEndsAt": null,
             "billingAnchor": "2026-11-01T00:00:00Z", "periodNumber": 0, "createdAt": "2026-11-01T00:00:00Z"}""";

    @Test
    void aSubscriptionCreatedAtRevisionOneReadsWithItsTermsAndPosition() {
        var serializer = Jackson3Serializer.builder().build();
        var entry = new GenericDomainEventEntry<>("Subscription", "sub_0000000000000000000000000S", 0, "event-1",
                Instant.parse("2026-11-01T00:00:00Z"), "billing.SubscriptionCreated", "1", REVISION_ONE.getBytes(UTF_8),
                "{}".getBytes(UTF_8));
        var upcast = new SubscriptionTermsUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).findFirst().orElseThrow();

        SubscriptionCreated created = serializer.deserialize(new SimpleSerializedObject<>(
                upcast.getData(byte[].class).getData(), byte[].class, SubscriptionCreated.class.getName(), "2"));

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(created.plan().planId()).isEqualTo("monthly");
        assertThat(created.price()).isEqualTo(Money.of(750, "EUR"));
        assertThat(created.couponPercentOff()).isEqualTo(25);
        assertThat(created.paymentMethod()).isEqualTo("pm_card_ok");
        assertThat(created.period().end()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(created.billingAnchor()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(created.periodNumber()).isZero();
        assertThat(created.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }
}

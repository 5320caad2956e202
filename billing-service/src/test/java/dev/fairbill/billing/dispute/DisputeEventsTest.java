package dev.fairbill.billing.dispute;

import static dev.fairbill.platform.testsupport.StoredEvents.readThrough;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.billing.dispute.DisputeEvents.DisputeOpened;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeTerms;
import dev.fairbill.platform.money.Money;

/** A dispute opened at revision 1, which listed what is disputed field by field, reads back at revision 2. */
class DisputeEventsTest {

    @Test
    void anOpeningStoredAtRevisionOneReadsWithItsTerms() {
        DisputeOpened opened = readThrough(new DisputeUpcaster(), "billing.DisputeOpened", "1", """
                {"disputeId": "dp_1", "tenant": "panel", "processor": "stripe", "processorDisputeId": "du_1",
                 "chargeId": "ch_0000000000000000000000000C", "accountId": "acct_0000000000000000000000000A",
                 "amount": {"amount": 1000, "currency": "EUR"}, "reason": "fraudulent",
                 "dueBy": "2026-11-20T00:00:00Z", "openedAt": "2026-11-01T00:00:00Z"}""", "2", DisputeOpened.class);

        assertThat(opened.terms()).isEqualTo(new DisputeTerms(Money.of(1000, "EUR"), "fraudulent",
                Instant.parse("2026-11-20T00:00:00Z")));
        assertThat(opened.processorDisputeId()).isEqualTo("du_1");
        assertThat(opened.openedAt()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }
}

package dev.fairbill.ledger.ledger;

import static dev.fairbill.platform.testsupport.StoredEvents.readThrough;
import static dev.fairbill.platform.testsupport.StoredEvents.writtenFields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fairbill.ledger.ledger.LedgerEvents.CreditsConsumed;
import dev.fairbill.ledger.ledger.LedgerEvents.LotAmount;
import dev.fairbill.ledger.ledger.LedgerEvents.LotGranted;
import dev.fairbill.ledger.ledger.LedgerEvents.LotOrigin;
import dev.fairbill.ledger.ledger.LedgerEvents.LotRemoved;

/**
 * Ledger events stored at revision 1, which listed a lot's amount, a grant's origin and a consumption's coverage field
 * by field, read back at revision 2 with the same values; revision 2 writes them as values.
 */
class LedgerEventsTest {

    private static final String LOT = """
            "ledgerId": "acct_1", "tenant": "panel", "lotId": "lot_A", "unit": "EUR", "source": "REFUND_BALANCE",
            "amount": 500,""";

    @Test
    void aGrantStoredAtRevisionOneReadsWithItsAmountAndOrigin() {
        LotGranted granted = readThrough(new LedgerUpcaster(), "ledger.LotGranted", "1", "{" + LOT + """
                "operationId": "op-1", "expiresAt": "2027-01-01T00:00:00Z", "reference": "rc_1", "chargeId": "ch_1",
                "subscriptionId": null, "grantedAt": "2026-11-01T00:00:00Z"}""", "2", LotGranted.class);

        assertThat(granted.lotId()).isEqualTo(LotId.of("lot_A"));
        assertThat(granted.unit()).isEqualTo(CreditUnit.of("EUR"));
        assertThat(granted.source()).isEqualTo(LotSource.REFUND_BALANCE);
        assertThat(granted.amount()).isEqualTo(500);
        assertThat(granted.reference()).isEqualTo("rc_1");
        assertThat(granted.chargeId()).isEqualTo("ch_1");
        assertThat(granted.subscriptionId()).isNull();
        assertThat(granted.expiresAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(granted.operationId()).isEqualTo("op-1");
    }

    @Test
    void aRemovalStoredUnderItsClassNameReadsWithItsAmount() {
        LotRemoved removed = readThrough(new LedgerUpcaster(), "dev.fairbill.ledger.domain.LedgerEvents$LotRemoved", "1",
                "{" + LOT + """
                "kind": "CLAWED_BACK", "reference": "dp_1", "removedAt": "2026-11-01T00:00:00Z"}""", "2",
                LotRemoved.class);

        assertThat(removed.lot()).isEqualTo(new LotAmount(LotId.of("lot_A"), CreditUnit.of("EUR"),
                LotSource.REFUND_BALANCE, 500));
        assertThat(removed.kind()).isEqualTo(RemovalKind.CLAWED_BACK);
        assertThat(removed.reference()).isEqualTo("dp_1");
    }

    @Test
    void aConsumptionStoredAtRevisionOneReadsWithItsCoverage() {
        CreditsConsumed consumed = readThrough(new LedgerUpcaster(), "ledger.CreditsConsumed", "1", """
                {"ledgerId": "acct_1", "tenant": "studio", "operationId": "c1", "consumptionId": "cons/c1",
                 "reference": "job/c1", "amount": 70, "allocations": [{"lotId": "lot_pack", "amount": 30}],
                 "overdrawn": 40, "balanceAfter": -40, "consumedAt": "2026-11-01T00:00:00Z"}""", "2",
                CreditsConsumed.class);

        assertThat(consumed.allocations()).containsExactly(new Allocation(LotId.of("lot_pack"), 30));
        assertThat(consumed.overdrawn()).isEqualTo(40);
        assertThat(consumed.balanceAfter()).isEqualTo(-40);
        assertThat(consumed.amount()).isEqualTo(70);
    }

    @Test
    void revisionTwoWritesTheAmountAndOriginAsValues() {
        var granted = new LotGranted(LedgerId.of("acct_1"), "panel", "op-1",
                new LotAmount(LotId.of("lot_A"), CreditUnit.CREDIT, LotSource.GOODWILL, 100), null,
                new LotOrigin("ref", null, null), Instant.EPOCH);

        assertThat(writtenFields(granted)).containsExactlyInAnyOrder("ledgerId", "tenant", "operationId", "lot",
                "expiresAt", "origin", "grantedAt", "actor");
    }
}

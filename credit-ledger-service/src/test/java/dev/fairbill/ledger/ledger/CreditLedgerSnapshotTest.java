package dev.fairbill.ledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceApplied;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceChanged;
import dev.fairbill.ledger.ledger.LedgerEvents.CashBalanceRestored;
import dev.fairbill.ledger.ledger.LedgerEvents.CashWithdrawalStarted;
import dev.fairbill.ledger.ledger.LedgerEvents.Coverage;
import dev.fairbill.ledger.ledger.LedgerEvents.CreditsConsumed;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldCaptured;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldPlaced;
import dev.fairbill.ledger.ledger.LedgerEvents.LedgerFrozen;
import dev.fairbill.ledger.ledger.LedgerEvents.LotAmount;
import dev.fairbill.ledger.ledger.LedgerEvents.LotGranted;
import dev.fairbill.ledger.ledger.LedgerEvents.LotOrigin;
import dev.fairbill.ledger.ledger.LedgerEvents.TierChanged;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundPaid;
import dev.fairbill.ledger.ledger.LedgerEvents.WithdrawalRefundRequested;
import dev.fairbill.platform.money.Money;

/** A snapshot is the aggregate serialized: what comes back must be the same ledger. */
class CreditLedgerSnapshotTest {

    @Test
    void aSnapshotRestoresLotsAndOperations() {
        var ledger = new CreditLedger();
        LedgerId id = LedgerId.of("acct_1");
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        ledger.on(new LedgerOpened(id, "chat", null, at, "CUSTOMER"));
        ledger.on(new LotGranted(id, "chat", "op-1", new LotAmount(LotId.of("lot_A"), CreditUnit.CREDIT,
                LotSource.GOODWILL, 100), null, new LotOrigin("ref", null, null), at));
        ledger.on(new CreditsConsumed(id, "chat", "op-2", "cons_1", "job", 30,
                new Coverage(List.of(new Allocation(LotId.of("lot_A"), 30)), 0, 70), at));
        var serializer = Jackson3Serializer.builder().build();

        SerializedObject<byte[]> snapshot = serializer.serialize(ledger, byte[].class);
        CreditLedger restored = serializer.deserialize(snapshot);

        assertThat(new String(serializer.serialize(restored, byte[].class).getData()))
                .isEqualTo(new String(snapshot.getData()));
        assertThat(new String(snapshot.getData())).contains("lot_A").contains("op-2");
    }

    /**
     * A snapshot written before the ledger kept its holds and cash balance in parts of their own (the same state as
     * {@link #busyLedger()}) loads, and is written back field for field: the parts did not change what is stored. The
     * fields added since load empty from it: the withdrawal parts already paid (a processor may still reverse one),
     * so a part paid before such a snapshot is not known as paid and its reversal restores nothing; and the test
     * clock, which only ledgers opened since can be on.
     */
    @Test
    void aSnapshotWrittenBeforeTheLedgerHadPartsLoadsUnchanged() throws Exception {
        byte[] earlier;
        try (var in = getClass().getResourceAsStream("/snapshots/credit-ledger-2026-12-04.json")) {
            earlier = in.readAllBytes();
        }
        var serializer = Jackson3Serializer.builder().build();

        CreditLedger restored = serializer.deserialize(new SimpleSerializedObject<>(earlier, byte[].class,
                serializer.typeForClass(CreditLedger.class)));

        var json = JsonMapper.builder().build();
        ObjectNode written = (ObjectNode) json.readTree(serializer.serialize(restored, byte[].class).getData());
        assertThat(written.remove(PAID_PARTS)).isEmpty();
        assertThat(written.remove(TEST_CLOCK).isNull()).isTrue();
        assertThat(written).isEqualTo(json.readTree(earlier));
        ObjectNode busy = (ObjectNode) json.readTree(serializer.serialize(busyLedger(), byte[].class).getData());
        assertThat(busy.remove(PAID_PARTS).propertyNames()).containsExactly("re_1");
        assertThat(busy.remove(TEST_CLOCK).isNull()).isTrue();
        assertThat(busy).isEqualTo(json.readTree(earlier));
    }

    private static final String PAID_PARTS = "paidWithdrawalParts";

    private static final String TEST_CLOCK = "testClock";

    /**
     * A ledger with something in every part of its state: lots of two units, an operation of each kind, a pending and
     * a captured hold, a freeze, a tier, cash applied to two charges (one restored) and a withdrawal half answered.
     */
    static CreditLedger busyLedger() {
        var ledger = new CreditLedger();
        LedgerId id = LedgerId.of("acct_1");
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        Allocation a10 = new Allocation(LotId.of("lot_A"), 10);
        Allocation c100 = new Allocation(LotId.of("lot_C"), 100);
        ledger.on(new LedgerOpened(id, "panel", null, at, "RESELLER"));
        ledger.on(new LotGranted(id, "panel", "op-1", new LotAmount(LotId.of("lot_A"), CreditUnit.CREDIT,
                LotSource.PURCHASED, 600), null, new LotOrigin("ref", null, null), at));
        ledger.on(new LotGranted(id, "panel", "op-2", new LotAmount(LotId.of("lot_C"), CreditUnit.of("EUR"),
                LotSource.REFUND_BALANCE, 500), null, new LotOrigin("refund", "ch_1", null), at));
        ledger.on(new TierChanged(id, "panel", "SILVER", 600, at, true));
        ledger.on(new HoldPlaced(id, "panel", "op-3", HoldId.of("hold_1"), "job", 10, List.of(a10), at, at));
        ledger.on(new HoldPlaced(id, "panel", "op-4", HoldId.of("hold_2"), "job", 10, List.of(a10), at, at));
        ledger.on(new HoldCaptured(id, "panel", HoldId.of("hold_2"), "job", 10, List.of(a10), List.of(), 580, at));
        ledger.on(new LedgerFrozen(id, "panel", "ACCOUNT_SUSPENDED", "dp_1", false, at));
        ledger.on(new CashBalanceApplied(id, "panel", "ch_2", Money.of(100, "EUR"), Money.of(100, "EUR"),
                List.of(c100), at));
        ledger.on(new CashBalanceApplied(id, "panel", "ch_3", Money.of(100, "EUR"), Money.of(100, "EUR"),
                List.of(c100), at));
        ledger.on(new CashBalanceRestored(id, "panel", "ch_3", Money.of(100, "EUR"), List.of(c100), at));
        ledger.on(new CashBalanceChanged(id, "panel", Money.of(400, "EUR"), 3, at));
        ledger.on(new CashWithdrawalStarted(id, "panel", "wd_1", Money.of(200, "EUR"), at));
        ledger.on(new WithdrawalRefundRequested(id, "panel", "wd_1", "re_1", "ch_1", c100, Money.of(100, "EUR"), at));
        ledger.on(new WithdrawalRefundRequested(id, "panel", "wd_1", "re_2", "ch_1", c100, Money.of(100, "EUR"), at));
        ledger.on(new WithdrawalRefundPaid(id, "panel", "wd_1", "re_1", Money.of(100, "EUR"), at));
        return ledger;
    }
}

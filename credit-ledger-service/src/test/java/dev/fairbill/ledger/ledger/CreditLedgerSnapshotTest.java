package dev.fairbill.ledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

import dev.fairbill.ledger.ledger.LedgerEvents.CreditsConsumed;
import dev.fairbill.ledger.ledger.LedgerEvents.LotGranted;

/** A snapshot is the aggregate serialized: what comes back must be the same ledger. */
class CreditLedgerSnapshotTest {

    @Test
    void aSnapshotRestoresLotsAndOperations() {
        var ledger = new CreditLedger();
        LedgerId id = LedgerId.of("acct_1");
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        ledger.on(new LedgerOpened(id, "chat", null, at, "CUSTOMER"));
        ledger.on(new LotGranted(id, "chat", "op-1", LotId.of("lot_A"), CreditUnit.CREDIT, LotSource.GOODWILL, 100,
                null, "ref", null, null, at));
        ledger.on(new CreditsConsumed(id, "chat", "op-2", "cons_1", "job", 30,
                List.of(new Allocation(LotId.of("lot_A"), 30)), 0, 70, at));
        var serializer = Jackson3Serializer.builder().build();

        SerializedObject<byte[]> snapshot = serializer.serialize(ledger, byte[].class);
        CreditLedger restored = serializer.deserialize(snapshot);

        assertThat(new String(serializer.serialize(restored, byte[].class).getData()))
                .isEqualTo(new String(snapshot.getData()));
        assertThat(new String(snapshot.getData())).contains("lot_A").contains("op-2");
    }
}

package dev.fairbill.billing.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;

import dev.fairbill.billing.account.AccountSuspensions.AccountSuspensionPlaced;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.account.SuspensionReason;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptured;
import dev.fairbill.billing.charge.ChargeTerms;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeTerms;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeClosed;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeOpened;
import dev.fairbill.billing.dispute.DisputeEvents.DisputeUpdated;
import dev.fairbill.billing.ids.DisputeId;
import dev.fairbill.billing.dispute.DisputeOutcome;
import dev.fairbill.platform.axon.ByAccount;
import dev.fairbill.platform.money.Money;

/**
 * The billing processors that change accounts and charges order their events per account, so two segments never work on
 * one account at once.
 */
class ByAccountSequencingTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final Money AMOUNT = Money.of(1000, "EUR");
    private static final AccountId ACCOUNT = AccountId.of("acct_0000000000000000000000000A");
    private static final AccountId OTHER_ACCOUNT = AccountId.of("acct_0000000000000000000000000B");

    private final ByAccount policy = new ByAccount();

    @Test
    void twoDisputesOfOneAccountShareASequenceWhateverTheirDispute() {
        Object first = policy.getSequenceIdentifierFor(message("dp_1", opened("dp_1", ACCOUNT)));
        Object second = policy.getSequenceIdentifierFor(message("dp_2", opened("dp_2", ACCOUNT)));
        Object update = policy.getSequenceIdentifierFor(message("dp_1", new DisputeUpdated(DisputeId.of("dp_1"),
                ChargeId.of("ch_1"), ACCOUNT, AMOUNT, "fraudulent", NOW, NOW)));
        Object closed = policy.getSequenceIdentifierFor(message("dp_2", new DisputeClosed(DisputeId.of("dp_2"),
                "panel", ChargeId.of("ch_2"), ACCOUNT, DisputeOutcome.WON, AMOUNT, NOW)));

        assertThat(first).isEqualTo(second).isEqualTo(update).isEqualTo(closed).isEqualTo(ACCOUNT.value());
    }

    @Test
    void disputesOfDifferentAccountsMayRunInParallel() {
        assertThat(policy.getSequenceIdentifierFor(message("dp_1", opened("dp_1", ACCOUNT))))
                .isNotEqualTo(policy.getSequenceIdentifierFor(message("dp_2", opened("dp_2", OTHER_ACCOUNT))));
    }

    @Test
    void otherEventsKeepTheirAggregatesOrder() {
        var hold = message(ACCOUNT.value(), new AccountSuspensionPlaced(ACCOUNT, "panel", SuspensionReason.DISPUTE, "dp_1", true, NOW));

        assertThat(policy.getSequenceIdentifierFor(hold)).isEqualTo(ACCOUNT.value());
    }

    @Test
    void aChargeAndTheSubscriptionItChargesShareTheirAccountsSequence() {
        var terms = new ChargeTerms(ChargeId.of("ch_1"), ACCOUNT, "panel", AMOUNT, "plan", null, null, null, "pm_card",
                false);
        Object captured = policy.getSequenceIdentifierFor(message("ch_1", new ChargeCaptured(terms, "sandbox", "pi_1",
                NOW, null)));

        assertThat(captured).isEqualTo(ACCOUNT.value());
    }

    /** A new event handled by these processors that names no account would silently lose its account's order. */
    @Test
    void everyEventTheAccountOrderedProcessorsHandleNamesItsAccount() {
        List<Class<?>> handled = Stream.of(DisputeConsequences.class, DuplicateChargeDetector.class,
                        SubscriptionChargingProcess.class, SubscriptionSuspensionsProcess.class)
                .flatMap(process -> Arrays.stream(process.getDeclaredMethods()))
                .filter(method -> method.isAnnotationPresent(EventHandler.class))
                .<Class<?>>map(method -> method.getParameterTypes()[0]).distinct().toList();

        assertThat(handled).hasSizeGreaterThan(10).allSatisfy(type -> assertThat(ByAccount.namesAnAccount(type))
                .as("%s names its account", type.getSimpleName()).isTrue());
    }

    private static DisputeOpened opened(String dispute, AccountId account) {
        return new DisputeOpened(DisputeId.of(dispute), "panel", "stripe", "du_" + dispute, ChargeId.of("ch_" + dispute),
                account, new DisputeTerms(AMOUNT, "fraudulent", NOW), NOW);
    }

    private static GenericDomainEventMessage<Object> message(String aggregate, Object payload) {
        return new GenericDomainEventMessage<>("Aggregate", aggregate, 0, payload);
    }
}

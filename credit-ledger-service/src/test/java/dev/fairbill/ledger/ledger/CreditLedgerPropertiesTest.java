package dev.fairbill.ledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import dev.fairbill.ledger.ledger.LedgerCommands.CaptureHold;
import dev.fairbill.ledger.ledger.LedgerCommands.ConsumeCredits;
import dev.fairbill.ledger.ledger.LedgerCommands.ForfeitAllowance;
import dev.fairbill.ledger.ledger.LedgerCommands.GrantLot;
import dev.fairbill.ledger.ledger.LedgerCommands.PlaceHold;
import dev.fairbill.ledger.ledger.LedgerCommands.ReleaseHold;
import dev.fairbill.ledger.ledger.LedgerCommands.TransferCredits;
import dev.fairbill.ledger.ledger.LedgerEvents.CreditsConsumed;
import dev.fairbill.ledger.ledger.LedgerEvents.HoldCaptured;
import dev.fairbill.ledger.ledger.LedgerJournal.LotState;
import dev.fairbill.ledger.ledger.LedgerSettings.Tenant;
import dev.fairbill.ledger.ledger.LedgerSettings.Tier;
import dev.fairbill.platform.rules.RuleViolation;
import dev.fairbill.platform.testsupport.FixtureClock;

/**
 * The ledger's invariants (docs/domain.md, credit ledger) over random sequences of grants (expiring or not),
 * consumptions, holds placed, captured and released, time passing with its expiries, forfeits, transfers and repeated
 * operations. The aggregate runs in Axon's fixture with its deadlines; {@link LedgerJournal} keeps an independent
 * account of its events, and every command's acceptance is predicted from that account.
 */
class CreditLedgerPropertiesTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    private static final LedgerId ID = LedgerId.of("acct_0000000000000000000000000A");
    private static final LedgerId SUB_RESELLER = LedgerId.of("acct_0000000000000000000000000B");
    private static final String NO_OVERDRAFT = "plain";
    private static final String OVERDRAFT = "overdraft";
    private static final long OVERDRAFT_LIMIT = 30;
    private static final LedgerSettings SETTINGS = new LedgerSettings(100, Duration.ofMinutes(15), Duration.ofDays(7),
            new Tenant(0, Map.of(), List.of(new Tier("silver", 150, false), new Tier("gold", 400, true))),
            Map.of(OVERDRAFT, new Tenant(OVERDRAFT_LIMIT, Map.of(), List.of())));

    /** Balance = what the open lots hold ≥ 0; consumption order; journal; operations applied once. */
    @Property(tries = 300)
    void ledgerWithoutOverdraftKeepsItsInvariants(@ForAll("scripts") List<Step> script) {
        new Run(NO_OVERDRAFT).play(script);
    }

    /** The same, with the balance going down to the tenant's overdraft limit and later grants settling it. */
    @Property(tries = 150)
    void ledgerWithOverdraftKeepsItsInvariants(@ForAll("scripts") List<Step> script) {
        new Run(OVERDRAFT).play(script);
    }

    // --- the steps of a script

    sealed interface Step {
    }

    /** {@code expiresInHours} null: never expires. {@code subscription} names one of two subscriptions. */
    record Grant(LotSource source, int subscription, long amount, Integer expiresInHours) implements Step {
    }

    record Consume(long amount) implements Step {
    }

    record Hold(long amount, int expiresInHours) implements Step {
    }

    /** {@code amount} null: the whole hold. {@code pick} chooses one of the holds placed so far. */
    record Capture(int pick, Long amount) implements Step {
    }

    record Release(int pick) implements Step {
    }

    record Transfer(long amount) implements Step {
    }

    record Advance(int hours) implements Step {
    }

    record Forfeit(int subscription) implements Step {
    }

    /** Sends again one of the grants, consumptions, holds or transfers applied so far, with the same ids. */
    record Repeat(int pick) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Step> grant = Combinators.combine(
                Arbitraries.of(LotSource.PURCHASED, LotSource.SUBSCRIPTION_ALLOWANCE, LotSource.TRIAL,
                        LotSource.SERVICE_CREDIT, LotSource.GOODWILL),
                Arbitraries.integers().between(0, 1), Arbitraries.longs().between(1, 100),
                Arbitraries.integers().between(1, 96).injectNull(0.4)).as(Grant::new);
        Arbitrary<Step> consume = Arbitraries.longs().between(1, 120).map(Consume::new);
        Arbitrary<Step> hold = Combinators.combine(Arbitraries.longs().between(1, 80),
                Arbitraries.integers().between(1, 48)).as(Hold::new);
        Arbitrary<Step> capture = Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.longs().between(1, 80).injectNull(0.5)).as(Capture::new);
        Arbitrary<Step> release = Arbitraries.integers().between(0, 9).map(Release::new);
        Arbitrary<Step> transfer = Arbitraries.longs().between(1, 60).map(Transfer::new);
        Arbitrary<Step> advance = Arbitraries.integers().between(1, 72).map(Advance::new);
        Arbitrary<Step> forfeit = Arbitraries.integers().between(0, 1).map(Forfeit::new);
        Arbitrary<Step> repeat = Arbitraries.integers().between(0, 19).map(Repeat::new);
        return Arbitraries.frequencyOf(Tuple.of(5, grant), Tuple.of(4, consume), Tuple.of(3, hold),
                        Tuple.of(2, capture), Tuple.of(2, release), Tuple.of(1, transfer), Tuple.of(3, advance),
                        Tuple.of(1, forfeit), Tuple.of(2, repeat))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    // --- one script against one ledger

    private static final class Run {

        private final AggregateTestFixture<CreditLedger> fixture = new AggregateTestFixture<>(CreditLedger.class);
        private final long overdraftLimit;
        private final LedgerJournal journal;
        private final List<HoldId> holds = new ArrayList<>();
        private final List<Sent> repeatable = new ArrayList<>();
        /** Subscription → how many lots had been granted when it was forfeited. */
        private final Map<String, Integer> forfeited = new HashMap<>();
        private int eventsSeen;

        Run(String tenant) {
            fixture.registerInjectableResource(new FixtureClock(fixture));
            fixture.registerInjectableResource(SETTINGS);
            overdraftLimit = SETTINGS.tenant(tenant).overdraftLimit();
            journal = new LedgerJournal(lifetime -> tierName(SETTINGS.tenant(tenant).tierFor(lifetime)));
            fixture.givenCurrentTime(START).andGivenCommands(new OpenLedger(ID, tenant, "RESELLER", null));
            journal.record(newEvents());
        }

        void play(List<Step> script) {
            for (int i = 0; i < script.size(); i++) {
                List<Object> events = perform(i, script.get(i));
                assertInvariants(events);
            }
            assertTheLedgerAgreesWithItsJournal();
        }

        private List<Object> perform(int i, Step step) {
            Instant now = fixture.currentTime();
            return switch (step) {
                case Grant grant -> {
                    GrantLot command = new GrantLot(ID, "grant-" + i, LotId.of("lot_" + i), CreditUnit.CREDIT,
                            grant.source(), grant.amount(),
                            grant.expiresInHours() == null ? null : now.plus(Duration.ofHours(grant.expiresInHours())),
                            "ref-" + i, grant.source() == LotSource.PURCHASED ? "ch_" + i : null,
                            grant.source().isSubscriptionBound() ? subscription(grant.subscription()) : null);
                    yield accepted(command);
                }
                case Consume consume -> {
                    ConsumeCredits command = new ConsumeCredits(ID, "consume-" + i, "cons_" + i, consume.amount(),
                            "job-" + i);
                    long room = journal.usable(now) + overdraftLimit - journal.overdrawn();
                    yield consume.amount() <= room ? accepted(command) : refused(command, "insufficient-credits");
                }
                case Hold hold -> {
                    HoldId holdId = HoldId.of("hold_" + i);
                    PlaceHold command = new PlaceHold(ID, "hold-" + i, holdId, hold.amount(), "job-" + i,
                            now.plus(Duration.ofHours(hold.expiresInHours())));
                    if (hold.amount() > journal.usable(now)) {
                        yield refused(command, "insufficient-credits");
                    }
                    holds.add(holdId);
                    yield accepted(command);
                }
                case Capture capture -> holds.isEmpty() ? List.of() : capture(pick(holds, capture.pick()),
                        capture.amount());
                case Release release -> holds.isEmpty() ? List.of() : release(pick(holds, release.pick()));
                case Transfer transfer -> {
                    TransferCredits command = new TransferCredits(ID, "tr_" + i, SUB_RESELLER, transfer.amount());
                    yield transfer.amount() <= journal.usable(now) ? accepted(command)
                            : refused(command, "insufficient-credits");
                }
                case Advance advance -> {
                    fixture.whenThenTimeAdvancesTo(now.plus(Duration.ofHours(advance.hours())));
                    yield recorded(newEvents());
                }
                case Forfeit forfeit -> {
                    forfeited.put(subscription(forfeit.subscription()), journal.lotCount());
                    Outcome outcome = send(new ForfeitAllowance(ID, subscription(forfeit.subscription()),
                            "CANCELLED"));
                    assertThat(outcome.refusal()).as("forfeit refused").isNull();
                    yield recorded(outcome.events());
                }
                case Repeat repeat -> repeatable.isEmpty() ? List.of() : repeat(pick(repeatable, repeat.pick()));
            };
        }

        private List<Object> capture(HoldId holdId, Long amount) {
            CaptureHold command = new CaptureHold(ID, holdId, amount);
            return switch (journal.status(holdId)) {
                case PENDING -> amount != null && amount > journal.holdAmount(holdId)
                        ? refused(command, "exceeds-hold") : accepted(command);
                case CAPTURED -> unchanged(command);
                case RELEASED, EXPIRED -> refused(command, "hold-not-pending");
            };
        }

        private List<Object> release(HoldId holdId) {
            ReleaseHold command = new ReleaseHold(ID, holdId);
            return switch (journal.status(holdId)) {
                case PENDING -> accepted(command);
                case RELEASED, EXPIRED -> unchanged(command);
                case CAPTURED -> refused(command, "hold-not-pending");
            };
        }

        /** An operation id is applied once: sending the same command again records nothing and answers the same. */
        private List<Object> repeat(Sent first) {
            Outcome again = send(first.command());
            assertThat(again.refusal()).as("repeated %s refused", first.command()).isNull();
            assertThat(again.events()).as("events of repeated %s", first.command()).isEmpty();
            if (first.answer() instanceof ConsumptionResult consumption) {
                assertThat(again.answer()).isEqualTo(new ConsumptionResult(consumption.consumptionId(), true, 0,
                        List.of(), 0));
            } else {
                assertThat(again.answer()).isEqualTo(first.answer());
            }
            return List.of();
        }

        private List<Object> accepted(Object command) {
            Outcome outcome = send(command);
            assertThat(outcome.refusal()).as("%s refused", command).isNull();
            if (!(command instanceof CaptureHold || command instanceof ReleaseHold)) {
                repeatable.add(new Sent(command, outcome.answer()));
            }
            return recorded(outcome.events());
        }

        private List<Object> unchanged(Object command) {
            Outcome outcome = send(command);
            assertThat(outcome.refusal()).as("%s refused", command).isNull();
            assertThat(outcome.events()).as("events of %s", command).isEmpty();
            return List.of();
        }

        /** A refused command records nothing, not even the expiries it noticed. */
        private List<Object> refused(Object command, String slug) {
            Outcome outcome = send(command);
            assertThat(outcome.refusal()).as("refusal of %s", command).isInstanceOf(LedgerRuleViolation.class);
            assertThat(((RuleViolation) outcome.refusal()).slug()).isEqualTo(slug);
            assertThat(outcome.events()).as("events of refused %s", command).isEmpty();
            return List.of();
        }

        private List<Object> recorded(List<Object> events) {
            journal.record(events);
            return events;
        }

        private void assertInvariants(List<Object> stepEvents) {
            Instant now = fixture.currentTime();
            long balance = journal.balance();
            assertThat(balance - journal.overdrawn()).as("balance").isGreaterThanOrEqualTo(-overdraftLimit);
            assertThat(journal.overdrawn()).as("overdrawn").isBetween(0L, overdraftLimit);
            assertThat(journal.movements()).as("grants − consumptions − removals − captures − transfers")
                    .isEqualTo(balance - journal.overdrawn() + journal.held());
            for (LotState lot : journal.lots()) {
                assertThat(lot.remaining).as("remainder of %s", lot.id).isNotNegative();
                if (lot.closed) {
                    assertThat(lot.remaining).as("remainder of closed %s", lot.id).isZero();
                }
                if (lot.expiresAt != null && !lot.expiresAt.isAfter(now)) {
                    assertThat(lot.remaining).as("remainder of %s, expired at %s", lot.id, lot.expiresAt).isZero();
                }
                Integer lotsWhenForfeited = forfeited.get(lot.subscriptionId);
                if (lot.source.isSubscriptionBound() && lotsWhenForfeited != null && lot.order < lotsWhenForfeited) {
                    assertThat(lot.remaining).as("remainder of %s, forfeited", lot.id).isZero();
                }
            }
            for (Object event : stepEvents) {
                Long reported = switch (event) {
                    case CreditsConsumed consumed -> consumed.balanceAfter();
                    case HoldCaptured captured -> captured.balanceAfter();
                    default -> null;
                };
                if (reported != null) {
                    assertThat(reported).as("balanceAfter of %s", event).isEqualTo(balance - journal.overdrawn());
                }
            }
        }

        /** The aggregate's own view: it refuses one credit more than the journal says it has, and gives all of it. */
        private void assertTheLedgerAgreesWithItsJournal() {
            long room = journal.usable(fixture.currentTime()) + overdraftLimit - journal.overdrawn();
            refused(new ConsumeCredits(ID, "probe-more", "cons_probe_more", room + 1, "probe"), "insufficient-credits");
            if (room > 0) {
                List<Object> events = accepted(new ConsumeCredits(ID, "probe-all", "cons_probe_all", room, "probe"));
                assertInvariants(events);
                assertThat(journal.balance() - journal.overdrawn()).isEqualTo(-overdraftLimit);
            }
        }

        private Outcome send(Object command) {
            AtomicReference<CommandResultMessage<?>> result = new AtomicReference<>();
            fixture.getCommandBus().dispatch(GenericCommandMessage.asCommandMessage(command),
                    (message, answer) -> result.set(answer));
            CommandResultMessage<?> answer = result.get();
            return new Outcome(answer.isExceptional() ? null : answer.getPayload(),
                    answer.isExceptional() ? answer.exceptionResult() : null, newEvents());
        }

        private List<Object> newEvents() {
            List<Object> all = fixture.getEventStore().readEvents(ID.toString()).asStream()
                    .map(Message::getPayload).map(Object.class::cast).toList();
            List<Object> fresh = List.copyOf(all.subList(eventsSeen, all.size()));
            eventsSeen = all.size();
            return fresh;
        }

        private static String subscription(int which) {
            return "sub_" + which;
        }

        private static <T> T pick(List<T> candidates, int pick) {
            return candidates.get(pick % candidates.size());
        }
    }

    private static String tierName(Tier tier) {
        return tier == null ? null : tier.name();
    }

    private record Outcome(Object answer, Throwable refusal, List<Object> events) {
    }

    private record Sent(Object command, Object answer) {
    }
}

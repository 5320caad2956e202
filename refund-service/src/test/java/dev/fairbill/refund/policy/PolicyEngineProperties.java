package dev.fairbill.refund.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.policy.RefundFacts.ChargeFacts;
import dev.fairbill.refund.policy.RefundFacts.DisputeState;
import dev.fairbill.refund.policy.RefundFacts.IncidentFacts;
import dev.fairbill.refund.policy.RefundFacts.PurchaseFacts;
import dev.fairbill.refund.policy.RefundFacts.SubscriptionFacts;
import dev.fairbill.refund.policy.RefundFacts.UsageFacts;
import dev.fairbill.refund.policy.RefundRequest.Target;
import dev.fairbill.refund.policy.RefundRequest.TargetKind;

/** Invariants of every decision, over arbitrary facts, requests, times and all five templates. */
class PolicyEngineProperties {

    private static final Instant START = Given.START;
    private static final List<String> TEMPLATES = List.of(Policies.FINAL_SALE_RESELLER,
            Policies.FINAL_SALE_DUPLICATES_REFUNDED, Policies.EXCEPTIONS_WITHIN_7_DAYS, Policies.REFILL_OR_REFUND,
            Policies.COOLING_OFF_PRORATA);

    record Case(TenantPolicy policy, RefundFacts facts, RefundRequest request, Instant now) {

        Decision decide() {
            return new PolicyEngine().decide(policy, facts, request, now);
        }
    }

    @Property
    void noAmountEverExceedsWhatIsRefundableOrGoesNegative(@ForAll("cases") Case scenario) {
        Decision decision = scenario.decide();

        if (decision.amount() != null) {
            ChargeFacts charge = scenario.facts().charge();
            assertThat(charge).as("money is only approved on a captured charge").isNotNull();
            assertThat(decision.amount().isPositive()).isTrue();
            assertThat(decision.amount()).isLessThanOrEqualTo(charge.refundable());
            if (scenario.request().requestedAmount() != null) {
                assertThat(decision.amount()).isLessThanOrEqualTo(scenario.request().requestedAmount());
            }
        }
    }

    @Property(tries = 300)
    void theSameInputsAlwaysGiveTheSameDecision(@ForAll("cases") Case scenario) {
        assertThat(scenario.decide()).isEqualTo(scenario.decide());
    }

    @Property
    void everyDecisionNamesAClauseOfThePolicyThatAnswersTheReason(@ForAll("cases") Case scenario) {
        Decision decision = scenario.decide();
        PolicyDocument document = scenario.policy().document();

        assertThat(decision.policyId()).isEqualTo(document.id());
        assertThat(decision.policyVersion()).isEqualTo(document.version());
        assertThat(document.clause(decision.clause())).hasValueSatisfying(clause -> {
            assertThat(clause.outcome()).isEqualTo(decision.outcome());
            assertThat(clause.answers(scenario.request().reason())).isTrue();
        });
        assertThat(decision.explanation()).isNotBlank().doesNotContain("{");
    }

    @Property(tries = 300)
    void onlyTheOutcomesFieldsAreSet(@ForAll("cases") Case scenario) {
        Decision decision = scenario.decide();

        switch (decision.outcome()) {
            case APPROVED -> assertThat(decision.remedy()).isNull();
            case REMEDY -> {
                assertThat(decision.remedy()).isNotNull();
                assertThat(decision.amount()).isNull();
                assertThat(decision.destination()).isNull();
            }
            case DENIED -> {
                assertThat(decision.amount()).isNull();
                assertThat(decision.destination()).isNull();
                assertThat(decision.remedy()).isNull();
            }
            // a review may name where an approval sends the money; the amount is the reviewer's
            case NEEDS_REVIEW -> {
                assertThat(decision.amount()).isNull();
                assertThat(decision.remedy()).isNull();
            }
        }
        if (decision.outcome() == Decision.Outcome.APPROVED) {
            assertThat(decision.destination()).isNotNull();
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<RefundFacts> facts = Combinators.combine(charges().injectNull(0.1), subscriptions().injectNull(0.4),
                purchases().injectNull(0.4), Arbitraries.longs().between(0, 100),
                incidents().list().ofMaxSize(3)).as((charge, subscription, purchase, used, incidents) ->
                        new RefundFacts(charge, subscription, purchase, new UsageFacts(used), incidents));
        return Combinators.combine(Arbitraries.of(TEMPLATES).map(Policies::template), facts, requests(),
                Arbitraries.longs().between(0, Duration.ofDays(400).toSeconds()).map(START::plusSeconds))
                .as(Case::new);
    }

    private static Arbitrary<ChargeFacts> charges() {
        return Arbitraries.longs().between(0, 50_000).flatMap(amount -> Combinators.combine(
                Arbitraries.longs().between(0, amount), Arbitraries.of("ch_0").injectNull(0.6),
                Arbitraries.of(DisputeState.class)).as((refunded, duplicateOf, dispute) -> new ChargeFacts("ch_1",
                "acct_1", eur(amount), eur(refunded), eur(0), START, duplicateOf, dispute)));
    }

    private static Arbitrary<SubscriptionFacts> subscriptions() {
        return Combinators.combine(Arbitraries.of(31, 365), Arbitraries.longs().between(0, 20_000),
                Arbitraries.longs().between(0, 20_000), Arbitraries.longs().between(0, 2_000)).as(
                (days, listPrice, paid, credits) -> new SubscriptionFacts("sub_1", "acct_1", "plan",
                        days == 31 ? "MONTH" : "YEAR", "ACTIVE", START, START.plus(Duration.ofDays(days)),
                        eur(listPrice), eur(paid), null, credits, "ch_1"));
    }

    private static Arbitrary<PurchaseFacts> purchases() {
        Arbitrary<Duration> someHours = Arbitraries.longs().between(1, 24 * 400).map(Duration::ofHours);
        return Combinators.combine(Arbitraries.of("CREDIT_PACK", "DELIVERY_ORDER"),
                Arbitraries.longs().between(0, 50_000), Arbitraries.longs().between(0, 5_000),
                Arbitraries.longs().between(0, 5_100), Arbitraries.longs().between(0, 5_100),
                Arbitraries.of("NOT_STARTED", "IN_PROGRESS", "COMPLETED", "PARTIAL", "FAILED"),
                someHours.map(START::plus).injectNull(0.5), Combinators.combine(someHours.injectNull(0.2),
                        someHours.injectNull(0.3)).as(Arrays::asList)).as(
                (kind, amount, ordered, delivered, count, fulfilment, completedAt, times) -> new PurchaseFacts(
                        "pur_1", "acct_1", "product", kind, eur(amount), "ch_1", START, ordered, delivered, count,
                        fulfilment, completedAt, times.get(0), times.get(1)));
    }

    private static Arbitrary<IncidentFacts> incidents() {
        return Combinators.combine(Arbitraries.longs().between(-100, 24 * 400),
                Arbitraries.longs().between(0, 100).injectNull(0.1)).as((startHour, hours) -> {
                    Instant start = START.plus(Duration.ofHours(startHour));
                    return new IncidentFacts("inc_1", start, hours == null ? null : start.plus(Duration.ofHours(hours)),
                            "ALL");
                });
    }

    private static Arbitrary<RefundRequest> requests() {
        return Combinators.combine(Arbitraries.of(RefundReason.class), Arbitraries.of(TargetKind.class),
                Arbitraries.longs().between(0, 60_000).map(PolicyEngineProperties::eur).injectNull(0.7),
                Arbitraries.of("ORDER_DETAILS", "POLICE_REPORT", "BANK_PROOF", "SCREENSHOT", "SUPPORT_TICKET")
                        .list().uniqueElements().ofMaxSize(3))
                .as((reason, kind, requested, evidence) -> new RefundRequest(reason, new Target(kind, "id_1"),
                        requested, evidence));
    }

    private static Money eur(long minor) {
        return Given.eur(minor);
    }
}

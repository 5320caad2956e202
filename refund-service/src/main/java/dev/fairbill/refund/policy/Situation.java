package dev.fairbill.refund.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.fairbill.platform.money.Money;
import dev.fairbill.refund.policy.RefundFacts.ChargeFacts;
import dev.fairbill.refund.policy.RefundFacts.PurchaseFacts;
import dev.fairbill.refund.policy.RefundFacts.SubscriptionFacts;

/** One evaluation's inputs, with the derived facts that both the expression variables and the calculations use. */
record Situation(RefundFacts facts, RefundRequest request, Instant now, PolicyParameters parameters) {

    /**
     * When what the request is about started: the current period's start for a subscription, the purchase time for
     * a purchase, the capture for a charge; when that fact is missing, the first of the others that is known.
     */
    Optional<Instant> start() {
        Instant periodStart = subscription().map(SubscriptionFacts::periodStart).orElse(null);
        Instant purchased = purchase().map(PurchaseFacts::purchasedAt).orElse(null);
        Instant captured = charge().map(ChargeFacts::capturedAt).orElse(null);
        List<Instant> preference = switch (request.target().kind()) {
            case SUBSCRIPTION -> Arrays.asList(periodStart, purchased, captured);
            case PURCHASE -> Arrays.asList(purchased, periodStart, captured);
            case CHARGE -> Arrays.asList(captured, periodStart, purchased);
        };
        return preference.stream().filter(Objects::nonNull).findFirst();
    }

    Duration sinceStart() {
        return start().map(start -> Duration.between(start, now)).orElse(Duration.ZERO);
    }

    /** What can still be refunded on the charge; zero when no charge was captured. */
    long refundableMinor() {
        return charge().map(ChargeFacts::refundable).map(Money::amount).orElse(0L);
    }

    /** Outages in the current subscription period up to now, or else since the start. */
    Outages outages() {
        Optional<SubscriptionFacts> subscription = subscription();
        Instant from = subscription.map(SubscriptionFacts::periodStart).or(this::start).orElse(now);
        Instant periodEnd = subscription.map(SubscriptionFacts::periodEnd).orElse(now);
        Instant to = periodEnd.isBefore(now) ? periodEnd : now;
        return Outages.within(from, to, facts.incidents());
    }

    /** The purchase's maximum delivery time has passed (exactly at the maximum it has not). */
    boolean maxDeliveryPassed() {
        return purchase().filter(purchase -> purchase.maxDeliveryTime() != null)
                .map(purchase -> now.isAfter(purchase.purchasedAt().plus(purchase.maxDeliveryTime())))
                .orElse(false);
    }

    /**
     * The delivery completed and its refill window, counted from completion, is still open (exactly at its end it
     * is). The product's window, or else the policy's {@code refillWindow} parameter.
     */
    boolean refillWindowOpen() {
        return purchase().filter(purchase -> purchase.completedAt() != null)
                .flatMap(purchase -> refillWindow(purchase).map(window -> purchase.completedAt().plus(window)))
                .map(end -> !now.isAfter(end))
                .orElse(false);
    }

    Optional<ChargeFacts> charge() {
        return Optional.ofNullable(facts.charge());
    }

    Optional<SubscriptionFacts> subscription() {
        return Optional.ofNullable(facts.subscription());
    }

    Optional<PurchaseFacts> purchase() {
        return Optional.ofNullable(facts.purchase());
    }

    private Optional<Duration> refillWindow(PurchaseFacts purchase) {
        return Optional.ofNullable(purchase.refillWindow())
                .or(() -> parameters.duration(PolicyParameters.REFILL_WINDOW));
    }
}

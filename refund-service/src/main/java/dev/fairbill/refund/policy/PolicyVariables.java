package dev.fairbill.refund.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.refund.policy.RefundFacts.ChargeFacts;
import dev.fairbill.refund.policy.RefundFacts.DisputeState;
import dev.fairbill.refund.policy.RefundFacts.PurchaseFacts;

/**
 * What a clause's {@code when} can see: the facts as plain variables, and the effective parameters as
 * {@code params.<name>}. Strings hold enum names ({@code reason == 'DUPLICATE_CHARGE'}), times are CEL durations
 * ({@code sinceStart > params.requestWindow}), counts are ints. A fact that does not apply is empty: {@code ''},
 * {@code 0}, {@code false}, {@code duration('0s')}.
 *
 * <table>
 * <tr><td>{@code reason}</td><td>string</td><td>the request's reason</td></tr>
 * <tr><td>{@code target}</td><td>string</td><td>{@code CHARGE}, {@code PURCHASE} or {@code SUBSCRIPTION}</td></tr>
 * <tr><td>{@code evidence}</td><td>list(string)</td><td>kinds of evidence attached ({@code POLICE_REPORT}, …)</td></tr>
 * <tr><td>{@code sinceStart}</td><td>duration</td><td>now − the current period's start (subscription), the
 *     purchase time (purchase) or the capture (charge)</td></tr>
 * <tr><td>{@code charged}</td><td>bool</td><td>a captured charge paid for it</td></tr>
 * <tr><td>{@code refundable}</td><td>int</td><td>minor units still refundable on that charge</td></tr>
 * <tr><td>{@code dispute}</td><td>string</td><td>{@code NONE}, {@code OPEN}, {@code WON} or {@code LOST}</td></tr>
 * <tr><td>{@code flaggedDuplicate}</td><td>bool</td><td>billing flagged the charge a duplicate</td></tr>
 * <tr><td>{@code subscribed}</td><td>bool</td><td>it is (or paid) a subscription</td></tr>
 * <tr><td>{@code used}, {@code creditsUsed}</td><td>bool, int</td><td>credits consumed or captured on holds since
 *     the purchase or the current period started</td></tr>
 * <tr><td>{@code purchaseKind}</td><td>string</td><td>{@code CREDIT_PACK}, {@code DELIVERY_ORDER} or ''</td></tr>
 * <tr><td>{@code fulfilment}</td><td>string</td><td>{@code NOT_STARTED}, {@code IN_PROGRESS}, {@code COMPLETED},
 *     {@code PARTIAL}, {@code FAILED} or ''</td></tr>
 * <tr><td>{@code ordered}, {@code delivered}, {@code currentCount}</td><td>int</td><td>the delivery order's
 *     quantities</td></tr>
 * <tr><td>{@code maxDeliveryPassed}</td><td>bool</td><td>now is after purchase + maximum delivery time</td></tr>
 * <tr><td>{@code refillWindowOpen}</td><td>bool</td><td>completed, and now ≤ completion + refill window</td></tr>
 * <tr><td>{@code incidentsInPeriod}</td><td>int</td><td>incidents with time inside the current period (up to
 *     now; without a subscription: since the start)</td></tr>
 * <tr><td>{@code longestIncident}</td><td>duration</td><td>the longest single incident's time in it</td></tr>
 * <tr><td>{@code outageInPeriod}</td><td>duration</td><td>all outage time in it, overlaps counted once</td></tr>
 * </table>
 */
final class PolicyVariables {

    static final String PARAMETER_PREFIX = "params.";

    private static final Map<String, CelType> FACTS = facts();

    private PolicyVariables() {
    }

    /** Every variable an expression of a policy with these parameters may use, with its CEL type. */
    static Map<String, CelType> declarations(PolicyParameters parameters) {
        Map<String, CelType> declarations = new LinkedHashMap<>(FACTS);
        parameters.values().forEach((name, value) -> declarations.put(PARAMETER_PREFIX + name, celType(value)));
        return Collections.unmodifiableMap(declarations);
    }

    static Map<String, Object> of(Situation situation) {
        RefundFacts facts = situation.facts();
        RefundRequest request = situation.request();
        Outages outages = situation.outages();
        PurchaseFacts purchase = facts.purchase();
        ChargeFacts charge = facts.charge();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("reason", request.reason().name());
        values.put("target", request.target().kind().name());
        values.put("evidence", request.evidenceKinds());
        values.put("sinceStart", situation.sinceStart());
        values.put("charged", charge != null);
        values.put("refundable", situation.refundableMinor());
        values.put("dispute", (charge == null || charge.dispute() == null ? DisputeState.NONE : charge.dispute()).name());
        values.put("flaggedDuplicate", charge != null && charge.flaggedDuplicate());
        values.put("subscribed", facts.subscription() != null);
        values.put("used", facts.usage().used());
        values.put("creditsUsed", facts.usage().creditsUsed());
        values.put("purchaseKind", purchase == null || purchase.kind() == null ? "" : purchase.kind());
        values.put("fulfilment", purchase == null || purchase.fulfilment() == null ? "" : purchase.fulfilment());
        values.put("ordered", purchase == null ? 0L : purchase.ordered());
        values.put("delivered", purchase == null ? 0L : purchase.delivered());
        values.put("currentCount", purchase == null ? 0L : purchase.currentCount());
        values.put("maxDeliveryPassed", situation.maxDeliveryPassed());
        values.put("refillWindowOpen", situation.refillWindowOpen());
        values.put("incidentsInPeriod", (long) outages.count());
        values.put("longestIncident", outages.longest());
        values.put("outageInPeriod", outages.total());
        situation.parameters().values().forEach((name, value) -> values.put(PARAMETER_PREFIX + name, celValue(value)));
        return values;
    }

    private static Map<String, CelType> facts() {
        Map<String, CelType> facts = new LinkedHashMap<>();
        facts.put("reason", SimpleType.STRING);
        facts.put("target", SimpleType.STRING);
        facts.put("evidence", ListType.create(SimpleType.STRING));
        facts.put("sinceStart", SimpleType.DURATION);
        facts.put("charged", SimpleType.BOOL);
        facts.put("refundable", SimpleType.INT);
        facts.put("dispute", SimpleType.STRING);
        facts.put("flaggedDuplicate", SimpleType.BOOL);
        facts.put("subscribed", SimpleType.BOOL);
        facts.put("used", SimpleType.BOOL);
        facts.put("creditsUsed", SimpleType.INT);
        facts.put("purchaseKind", SimpleType.STRING);
        facts.put("fulfilment", SimpleType.STRING);
        facts.put("ordered", SimpleType.INT);
        facts.put("delivered", SimpleType.INT);
        facts.put("currentCount", SimpleType.INT);
        facts.put("maxDeliveryPassed", SimpleType.BOOL);
        facts.put("refillWindowOpen", SimpleType.BOOL);
        facts.put("incidentsInPeriod", SimpleType.INT);
        facts.put("longestIncident", SimpleType.DURATION);
        facts.put("outageInPeriod", SimpleType.DURATION);
        return Collections.unmodifiableMap(facts);
    }

    private static CelType celType(Object parameter) {
        return switch (parameter) {
            case Duration ignored -> SimpleType.DURATION;
            case Long ignored -> SimpleType.INT;
            case Boolean ignored -> SimpleType.BOOL;
            default -> ListType.create(SimpleType.STRING);
        };
    }

    private static Object celValue(Object parameter) {
        return parameter instanceof List<?> dates ? dates.stream().map(Object::toString).toList() : parameter;
    }

    /** A situation with nothing known, to try each expression once when the policy is loaded. */
    static Map<String, Object> sample(PolicyParameters parameters) {
        RefundRequest request = new RefundRequest(RefundReason.CHANGE_OF_MIND,
                new RefundRequest.Target(RefundRequest.TargetKind.CHARGE, "sample"), null, List.of());
        return of(new Situation(new RefundFacts(null, null, null, null, null), request, Instant.EPOCH, parameters));
    }
}

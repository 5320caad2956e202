package dev.fairbill.billing.process;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.catalog.CatalogProperties;
import dev.fairbill.billing.payment.PaymentGateway;
import dev.fairbill.billing.payment.PaymentGateway.ProcessorPayment;
import dev.fairbill.billing.payment.PaymentGateways;
import dev.fairbill.billing.payment.ProcessorUnavailable;
import dev.fairbill.platform.money.Money;

/**
 * Once a day, compares each tenant's charges with what its processor holds for the last 48 hours, and reports the
 * differences per tenant and kind as the gauge {@value #DIFFERENCES} (alert {@code FairbillProcessorReconciliation}).
 * Payments of the last 15 minutes are left to the next run: they may still be on their way. A payment made outside
 * Fairbill (no Fairbill charge id in its metadata) is not Fairbill's to reconcile. Each difference is logged with
 * the ids an operator needs, never a payment method.
 */
@Component
public class ProcessorReconciliation {

    static final String DIFFERENCES = "fairbill.processor.reconciliation.differences";
    static final String JOB = "processor-reconciliation";
    static final Duration WINDOW = Duration.ofHours(48);
    static final Duration SETTLING = Duration.ofMinutes(15);
    private static final Logger log = LoggerFactory.getLogger(ProcessorReconciliation.class);

    /** What differs between Fairbill and the processor. */
    public enum Difference {
        /** the processor took money that Fairbill does not show as captured */
        CAPTURED_ONLY_AT_PROCESSOR,
        /** Fairbill shows a capture the processor does not hold */
        CAPTURED_ONLY_IN_FAIRBILL,
        /** both hold the capture, of different amounts */
        AMOUNTS_DIFFER,
        /** the processor paid back another amount than Fairbill shows refunded to the card */
        REFUNDS_DIFFER
    }

    private record Ours(String chargeId, String processorChargeId, String status, Money captured, Money refunded,
                        boolean paidPartlyFromBalance) {
    }

    private final PaymentGateways gateways;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final JobRuns runs;

    public ProcessorReconciliation(PaymentGateways gateways, JdbcClient jdbc, Clock clock, MeterRegistry meters,
                                   CatalogProperties catalog, JobRuns runs) {
        this.gateways = gateways;
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        this.runs = runs;
        // every tenant's series exists from the start, at zero: a tenant on the sandbox has nothing to reconcile
        Set<String> tenants = new TreeSet<>(catalog.tenants().keySet());
        tenants.addAll(gateways.settings().processors().keySet());
        tenants.forEach(tenant -> {
            for (Difference kind : Difference.values()) {
                gauge(tenant, kind);
            }
        });
    }

    /** Once a day, on one replica: the one that claims the day's run. */
    @Scheduled(cron = "${fairbill.billing.reconciliation.cron:0 15 3 * * *}", zone = "UTC")
    public void daily() {
        Instant now = clock.instant();
        if (runs.claim(JOB, now.truncatedTo(ChronoUnit.DAYS), now)) {
            reconcile(now);
        }
    }

    /**
     * Every replica's gauges show what the last run found, whichever replica ran it (read from
     * {@code reconciliation_differences} every minute).
     */
    @Scheduled(fixedDelayString = "${fairbill.billing.reconciliation.refresh:60s}")
    public void refreshGauges() {
        jdbc.sql("SELECT tenant, kind, differences FROM reconciliation_differences")
                .query((RowCallbackHandler) row -> gauge(row.getString("tenant"),
                        Difference.valueOf(row.getString("kind"))).set(row.getLong("differences")));
    }

    /** Reconciles every tenant whose processor can list its payments; returns the differences by tenant. */
    public Map<String, Map<Difference, Long>> reconcile(Instant now) {
        Map<String, Map<Difference, Long>> found = new HashMap<>();
        for (String tenant : gateways.settings().processors().keySet()) {
            PaymentGateway gateway = gateways.forTenant(tenant);
            try {
                gateway.paymentsSince(now.minus(WINDOW)).ifPresent(theirs -> {
                    Map<Difference, Long> differences = compare(tenant, gateway.name(), theirs, now);
                    differences.forEach((kind, count) -> {
                        gauge(tenant, kind).set(count);
                        jdbc.sql("""
                                        INSERT INTO reconciliation_differences (tenant, kind, differences, found_at)
                                        VALUES (?, ?, ?, ?)
                                        ON CONFLICT (tenant, kind) DO UPDATE SET differences = EXCLUDED.differences,
                                                                                 found_at = EXCLUDED.found_at""")
                                .params(tenant, kind.name(), count, Timestamp.from(now))
                                .update();
                    });
                    found.put(tenant, differences);
                });
            } catch (ProcessorUnavailable unavailable) {
                log.warn("Reconciliation skipped: the processor did not answer: tenant={} processor={} failure={}",
                        tenant, gateway.name(), unavailable.getMessage());
            }
        }
        return found;
    }

    private Map<Difference, Long> compare(String tenant, String processor, List<ProcessorPayment> theirs,
                                          Instant now) {
        Instant since = now.minus(WINDOW);
        Instant until = now.minus(SETTLING);
        Map<String, Ours> ours = new HashMap<>();
        jdbc.sql("""
                        SELECT id, processor_charge_id, status, amount, currency, amount_refunded, paid_from_balance
                          FROM charges
                         WHERE tenant = ? AND processor = ? AND created_at >= ? AND created_at < ?""")
                .params(tenant, processor, Timestamp.from(since), Timestamp.from(until))
                .query((row, n) -> {
                    String currency = row.getString("currency");
                    long fromBalance = row.getLong("paid_from_balance");
                    return new Ours(row.getString("id"), row.getString("processor_charge_id"), row.getString("status"),
                            Money.of(row.getLong("amount") - fromBalance, currency),
                            Money.of(row.getLong("amount_refunded"), currency), fromBalance > 0);
                })
                .list()
                .forEach(charge -> ours.put(charge.chargeId(), charge));

        Map<Difference, Long> differences = new EnumMap<>(Difference.class);
        for (Difference kind : Difference.values()) {
            differences.put(kind, 0L);
        }
        Map<String, ProcessorPayment> capturedThere = new HashMap<>();
        for (ProcessorPayment payment : theirs) {
            if (payment.chargeId() == null || !payment.captured() || payment.createdAt().isAfter(until)) {
                continue;
            }
            capturedThere.put(payment.chargeId(), payment);
            Ours charge = ours.get(payment.chargeId());
            if (charge == null || !captured(charge)
                    || !payment.processorChargeId().equals(charge.processorChargeId())) {
                differ(differences, Difference.CAPTURED_ONLY_AT_PROCESSOR, tenant, payment.chargeId(),
                        payment.processorChargeId());
                continue;
            }
            if (!payment.amount().equals(charge.captured())) {
                differ(differences, Difference.AMOUNTS_DIFFER, tenant, payment.chargeId(), payment.processorChargeId());
            }
            if (!charge.paidPartlyFromBalance() && !payment.refunded().equals(charge.refunded())) {
                differ(differences, Difference.REFUNDS_DIFFER, tenant, payment.chargeId(), payment.processorChargeId());
            }
        }
        ours.values().stream()
                .filter(charge -> captured(charge) && !capturedThere.containsKey(charge.chargeId()))
                .forEach(charge -> differ(differences, Difference.CAPTURED_ONLY_IN_FAIRBILL, tenant, charge.chargeId(),
                        charge.processorChargeId()));
        return differences;
    }

    private static boolean captured(Ours charge) {
        return charge.processorChargeId() != null && !"PENDING".equals(charge.status())
                && !"FAILED".equals(charge.status());
    }

    private static void differ(Map<Difference, Long> differences, Difference kind, String tenant, String chargeId,
                               String processorChargeId) {
        differences.merge(kind, 1L, Long::sum);
        log.warn("Reconciliation found a difference: tenant={} kind={} charge={} processorCharge={}", tenant, kind,
                chargeId, processorChargeId);
    }

    private AtomicLong gauge(String tenant, Difference kind) {
        return gauges.computeIfAbsent(tenant + "/" + kind, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(DIFFERENCES, value, AtomicLong::get)
                    .description("Differences the last reconciliation found between Fairbill and the processor")
                    .tag("tenant", tenant).tag("kind", kind.name())
                    .register(meters);
            return value;
        });
    }
}

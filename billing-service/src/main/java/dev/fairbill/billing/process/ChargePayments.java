package dev.fairbill.billing.process;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.fairbill.billing.charge.ChargeCommands.CaptureCharge;
import dev.fairbill.billing.charge.ChargeCommands.RecordCaptureOutcome;
import dev.fairbill.billing.charge.ChargeCommands.RecordRefundAccepted;
import dev.fairbill.billing.charge.ChargeCommands.RecordRefundOutcome;
import dev.fairbill.billing.charge.ChargeCommands.RefundCharge;
import dev.fairbill.billing.charge.ChargeCommands.SettleChargeFromBalance;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.payment.PaymentGateway;
import dev.fairbill.billing.payment.PaymentGateways;
import dev.fairbill.billing.payment.PaymentMethods;
import dev.fairbill.billing.payment.PaymentGateway.CaptureRequest;
import dev.fairbill.billing.payment.PaymentGateway.RefundRequest;
import dev.fairbill.billing.payment.UnknownPaymentMethodException;
import dev.fairbill.billing.process.PaymentCalls.Call;
import dev.fairbill.billing.query.AccountCashBalances;

/**
 * Takes and pays back money through the payment processor for charges, outside the charges themselves: a charge
 * records that it asks for a capture or a refund ({@code ChargeCaptureRequested}, {@code ChargeRefundRequested}),
 * this process makes the call with the charge's or the refund's id as idempotency key and reports the processor's
 * answer back as a command. No call is made under a charge's lock or inside a database transaction.
 * <p>
 * A caller outside a transaction (a REST request) has the call made in its own thread, so its answer shows the
 * outcome; a caller inside one (a Kafka message, an event) has it made on a thread of this process once the
 * transaction has committed, on one thread per charge so that a charge's calls are made in the order it asked for
 * them. A call that a crash, a failure or a full queue left unmade stays in
 * {@link PaymentCalls} and is made again by the sweep after the grace period: the processor answers a repeated key
 * with its first answer, and a repeated answer changes nothing, so money moves at most once.
 */
@Component
@EnableConfigurationProperties(PaymentCallSettings.class)
public class ChargePayments implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChargePayments.class);
    static final String UNKNOWN_PAYMENT_METHOD = "unknown_payment_method";
    private static final int SWEEP_BATCH = 100;
    private static final int LANE_QUEUE = 2_500;
    /** Calls the sweep made again: each is a crash, a failure or a full queue between a request and its answer. */
    static final String SWEPT = "fairbill.payment.calls.swept";

    private final CommandGateway commands;
    private final PaymentCalls calls;
    private final PaymentGateways gateways;
    private final PaymentMethods paymentMethods;
    private final AccountCashBalances balances;
    private final PaymentCallSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    /** One thread per lane; a charge's calls all go to one lane, so they are made in the order they were asked. */
    private final List<ThreadPoolExecutor> lanes;

    public ChargePayments(CommandGateway commands, PaymentCalls calls, PaymentGateways gateways,
                          PaymentMethods paymentMethods, AccountCashBalances balances, PaymentCallSettings settings,
                          Clock clock, MeterRegistry meters) {
        this.commands = commands;
        this.calls = calls;
        this.gateways = gateways;
        this.paymentMethods = paymentMethods;
        this.balances = balances;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        // each kind's series exists from the start, at zero, so the alert on its increase sees the first one
        for (PaymentCalls.Kind kind : PaymentCalls.Kind.values()) {
            meters.counter(SWEPT, "kind", kind.name());
        }
        ThreadFactory threads = Thread.ofPlatform().name("payment-call-", 0).daemon().factory();
        this.lanes = IntStream.range(0, settings.threads())
                .mapToObj(lane -> new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(LANE_QUEUE), threads))
                .toList();
    }

    /** Asks for the charge and has its capture made (see the class comment for when). */
    public void capture(CaptureCharge command) {
        boolean balanceFirst = requestCapture(command);
        if (balanceFirst) {
            return;
        }
        if (outsideTransaction()) {
            // the call is what the command asked for: no need to read it back
            makeSafely(calls.captureCall(command.chargeId(), command.tenant(), command.amount(),
                    command.paymentMethod(), command.description(), command.subscriptionId() != null,
                    clock.instant()));
            return;
        }
        callAfterCommit(command.chargeId(), command.chargeId().value());
    }

    /**
     * Asks for the charge only; the caller has the capture made with {@link #call(String)} once its transaction has
     * committed. A payment method the processor does not know is refused before anything is recorded; an account with
     * a known cash balance in the charge's currency asks the ledger first.
     *
     * @return whether the ledger was asked first, so that no call waits yet
     */
    public boolean requestCapture(CaptureCharge command) {
        paymentMethods.requireKnown(command.tenant(), command.paymentMethod());
        boolean balanceFirst = balances.of(command.accountId(), command.amount().currency()).isPositive();
        try {
            commands.sendAndWait(command.withBalanceFirst(balanceFirst));
        } catch (AggregateStreamCreationException repeated) {
            // asked for before: a capture that a crash left unmade is made now
            callAfterCommit(command.chargeId(), command.chargeId().value());
            throw repeated;
        }
        return balanceFirst;
    }

    /** The ledger's answer to a charge that asked it first; the processor is asked for the rest. */
    public void settleFromBalance(SettleChargeFromBalance command) {
        commands.sendAndWait(command);
        callAfterCommit(command.chargeId(), command.chargeId().value());
    }

    /** A refund of a charge: the charge's rules decide, the card part is paid back through the processor. */
    public void refund(RefundCharge command) {
        commands.sendAndWait(command);
        callAfterCommit(command.chargeId(), command.refundId());
    }

    /** Makes the call waiting under {@code key} (a charge id or a refund id) in this thread, if one waits. */
    public void call(String key) {
        calls.find(key).ifPresent(this::makeSafely);
    }

    /** Makes again the calls that have waited for their answer longer than the grace period. */
    @Scheduled(fixedDelayString = "${fairbill.billing.payment-calls.sweep-interval:10s}",
            initialDelayString = "${fairbill.billing.payment-calls.sweep-interval:10s}")
    public void callStale() {
        Instant now = clock.instant();
        for (Call call : calls.stale(now.minus(settings.grace()), SWEEP_BATCH)) {
            if (calls.claim(call, now)) {
                log.warn("A processor call waited past its grace period and is made again: kind={} key={} since={}",
                        call.kind(), call.key(), call.requestedAt());
                meters.counter(SWEPT, "kind", call.kind().name()).increment();
                makeSafely(call);
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        // calls still queued stay in payment_calls; the sweep makes them after a restart
        lanes.forEach(ThreadPoolExecutor::shutdown);
        for (ThreadPoolExecutor lane : lanes) {
            lane.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void callAfterCommit(ChargeId charge, String key) {
        if (outsideTransaction()) {
            call(key);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    lanes.get(Math.floorMod(charge.value().hashCode(), lanes.size())).execute(() -> call(key));
                } catch (RejectedExecutionException full) {
                    log.warn("No thread free for a processor call; the sweep makes it later: key={}", key);
                }
            }
        });
    }

    private static boolean outsideTransaction() {
        return !TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive();
    }

    /** A failed call (the processor unreachable, the database away) stays waiting for the sweep. */
    private void makeSafely(Call call) {
        try {
            commands.sendAndWait(switch (call.kind()) {
                case CAPTURE -> capture(call);
                case REFUND -> refund(call);
            });
        } catch (RuntimeException failed) {
            log.warn("A processor call failed and waits for the sweep: kind={} key={} failure={}", call.kind(),
                    call.key(), failed.toString());
        }
    }

    private RecordCaptureOutcome capture(Call call) {
        ChargeId charge = call.chargeId();
        PaymentGateway gateway = gateways.of(call.tenant(), call.processor());
        try {
            return switch (gateway.capture(new CaptureRequest(call.key(), call.amount(), call.paymentMethod(),
                    call.description(), call.offSession()))) {
                case PaymentGateway.Captured ok -> new RecordCaptureOutcome(charge, gateway.name(),
                        ok.processorChargeId(), null);
                case PaymentGateway.Declined declined -> new RecordCaptureOutcome(charge, gateway.name(), null,
                        declined.failureCode());
            };
        } catch (UnknownPaymentMethodException unknown) {
            return new RecordCaptureOutcome(charge, gateway.name(), null, UNKNOWN_PAYMENT_METHOD);
        }
    }

    private Object refund(Call call) {
        PaymentGateway gateway = gateways.of(call.tenant(), call.processor());
        return switch (gateway.refund(new RefundRequest(call.key(), call.attempt(), call.chargeId().value(),
                call.processorChargeId(), call.paymentMethod(), call.amount()))) {
            case PaymentGateway.Refunded ok -> new RecordRefundOutcome(call.chargeId(), call.key(),
                    ok.processorRefundId(), null);
            case PaymentGateway.RefundDeclined declined -> new RecordRefundOutcome(call.chargeId(), call.key(),
                    null, declined.failureCode());
            case PaymentGateway.RefundAccepted accepted -> new RecordRefundAccepted(call.chargeId(), call.key(),
                    accepted.processorRefundId());
        };
    }
}

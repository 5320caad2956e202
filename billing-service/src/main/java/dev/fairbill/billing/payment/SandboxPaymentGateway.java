package dev.fairbill.billing.payment;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dev.fairbill.platform.money.Money;

/**
 * The built-in processor of the local stack and the tests (docs/api.md): {@code pm_card_ok} captures,
 * {@code pm_card_declined} is declined with {@code card_declined}, {@code pm_card_refund_fails} captures but every
 * refund fails. As at a real processor, a repeated idempotency key gets the first capture or the first successful
 * refund back instead of moving money again. State lives in memory: it is a sandbox.
 */
@Component
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxPaymentGateway implements PaymentGateway {

    public static final String NAME = "sandbox";
    static final String CARD_OK = "pm_card_ok";
    static final String CARD_DECLINED = "pm_card_declined";
    static final String CARD_REFUND_FAILS = "pm_card_refund_fails";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SandboxProperties properties;
    private final Map<String, CaptureResult> captures = new ConcurrentHashMap<>();
    private final Map<String, Refunded> refunds = new ConcurrentHashMap<>();
    private final Map<String, List<Money>> refundedByCharge = new ConcurrentHashMap<>();

    public SandboxPaymentGateway(SandboxProperties properties) {
        this.properties = properties;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean knows(String paymentMethod) {
        return List.of(CARD_OK, CARD_DECLINED, CARD_REFUND_FAILS).contains(paymentMethod);
    }

    @Override
    public CaptureResult capture(CaptureRequest request) {
        if (!knows(request.paymentMethod())) {
            throw new UnknownPaymentMethodException(NAME);
        }
        pause();
        return captures.computeIfAbsent(request.idempotencyKey(), key -> CARD_DECLINED.equals(request.paymentMethod())
                ? new Declined("card_declined")
                : new Captured("ch_sandbox_" + randomId()));
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        pause();
        if (CARD_REFUND_FAILS.equals(request.paymentMethod())) {
            return new RefundDeclined("refund_failed");
        }
        return refunds.computeIfAbsent(request.idempotencyKey(), key -> {
            refundedByCharge.computeIfAbsent(request.processorChargeId(), id -> new CopyOnWriteArrayList<>())
                    .add(request.amount());
            return new Refunded("re_sandbox_" + randomId());
        });
    }

    /** The refunds this processor executed for one of its charges, for tests to count. */
    public List<Money> refundsOf(String processorChargeId) {
        return List.copyOf(refundedByCharge.getOrDefault(processorChargeId, List.of()));
    }

    private void pause() {
        if (properties.latency().isPositive()) {
            try {
                Thread.sleep(properties.latency());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while talking to the sandbox processor", e);
            }
        }
    }

    private static String randomId() {
        StringBuilder id = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}

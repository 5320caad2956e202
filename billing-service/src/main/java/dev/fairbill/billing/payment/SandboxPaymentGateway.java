package dev.fairbill.billing.payment;

import java.security.SecureRandom;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fairbill.platform.money.Money;

/**
 * The built-in processor of the local stack and the tests (docs/api.md): {@code pm_card_ok} captures,
 * {@code pm_card_declined} is declined with {@code card_declined}, {@code pm_card_refund_fails} captures but every
 * refund fails. As at a real processor, a repeated idempotency key gets the first capture or the first successful
 * refund back instead of moving money again. Its answers are kept in the {@code sandbox_payments} table, so a restart
 * replays them too; the first of two parallel calls under one key decides the answer of both.
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
    private final JdbcClient jdbc;

    public SandboxPaymentGateway(SandboxProperties properties, JdbcClient jdbc) {
        this.properties = properties;
        this.jdbc = jdbc;
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
        boolean declined = CARD_DECLINED.equals(request.paymentMethod());
        // the first answer under a key is kept; a repeated key (or a parallel call) reads it back
        return jdbc.sql("""
                        INSERT INTO sandbox_payments (idempotency_key, kind, processor_charge_id, failure_code, amount,
                                                      currency)
                        VALUES (?, 'CAPTURE', ?, ?, ?, ?)
                        ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
                        RETURNING processor_charge_id, failure_code""")
                .params(request.idempotencyKey(), declined ? null : "ch_sandbox_" + randomId(),
                        declined ? "card_declined" : null, request.amount().amount(),
                        request.amount().currency().getCurrencyCode())
                .query((row, n) -> row.getString("failure_code") != null
                        ? (CaptureResult) new Declined(row.getString("failure_code"))
                        : new Captured(row.getString("processor_charge_id")))
                .single();
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        pause();
        if (CARD_REFUND_FAILS.equals(request.paymentMethod())) {
            return new RefundDeclined("refund_failed");
        }
        return jdbc.sql("""
                        INSERT INTO sandbox_payments (idempotency_key, kind, processor_charge_id, processor_refund_id,
                                                      amount, currency)
                        VALUES (?, 'REFUND', ?, ?, ?, ?)
                        ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
                        RETURNING processor_refund_id""")
                .params(request.idempotencyKey(), request.processorChargeId(), "re_sandbox_" + randomId(),
                        request.amount().amount(), request.amount().currency().getCurrencyCode())
                .query((row, n) -> (RefundResult) new Refunded(row.getString("processor_refund_id")))
                .single();
    }

    /** The sandbox takes every dispute's evidence, so the local stack shows a dispute's response submitted. */
    @Override
    public EvidenceResult submitDisputeEvidence(EvidenceRequest request) {
        return new EvidenceSubmitted();
    }

    /** The refunds this processor executed for one of its charges, for tests to count. */
    public List<Money> refundsOf(String processorChargeId) {
        return jdbc.sql("""
                        SELECT amount, currency FROM sandbox_payments
                         WHERE kind = 'REFUND' AND processor_charge_id = ? ORDER BY created_at, idempotency_key""")
                .param(processorChargeId)
                .query((row, n) -> Money.of(row.getLong("amount"), row.getString("currency")))
                .list();
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

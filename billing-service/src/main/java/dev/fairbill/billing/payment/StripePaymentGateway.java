package dev.fairbill.billing.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Dispute;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.DisputeUpdateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.RefundCreateParams;

import dev.fairbill.platform.money.Money;

/**
 * One tenant's Stripe account behind the payment port, through stripe-java.
 * <ul>
 *   <li>A capture creates and confirms a PaymentIntent with the saved payment method, {@code off_session} for the
 *       charges billing makes by itself. A payment method is {@code pm_…}, or {@code cus_…/pm_…} for one saved to a
 *       Stripe customer (which an off-session charge needs).</li>
 *   <li>A refund creates a Refund of the PaymentIntent for the card part.</li>
 *   <li>Every request carries Fairbill's id as Stripe's {@code Idempotency-Key} ({@code fairbill-capture-<charge>},
 *       {@code fairbill-refund-<refund>}) and the ids as metadata. stripe-java sends a request again after a network
 *       error, a 409 or a 5xx with the same key, and this adapter after a 429, backing off; when the retries are
 *       spent the call waits for the sweep, which sends it again with the same key once more: never a new one.</li>
 *   <li>A decline answers with the decline code when Stripe gives one ({@code insufficient_funds},
 *       {@code authentication_required}, …), else the error code ({@code card_declined}).</li>
 * </ul>
 */
public class StripePaymentGateway implements PaymentGateway {

    public static final String NAME = "stripe";
    private static final Logger log = LoggerFactory.getLogger(StripePaymentGateway.class);
    private static final Pattern PAYMENT_METHOD = Pattern.compile(
            "(?:(cus_[A-Za-z0-9_]{1,64})/)?(pm_[A-Za-z0-9_]{1,64})");
    static final String CHARGE_KEY = "fairbill-capture-";
    static final String REFUND_KEY = "fairbill-refund-";
    static final String EVIDENCE_KEY = "fairbill-evidence-";
    static final int EVIDENCE_FIELD_LIMIT = 20_000;


    private final String tenant;
    private final StripeClient client;
    private final int retries;

    public StripePaymentGateway(String tenant, ProcessorSettings.Stripe settings) {
        this.tenant = tenant;
        this.retries = settings.maxNetworkRetries();
        int timeout = Math.toIntExact(settings.timeout().toMillis());
        this.client = StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setApiBase(settings.apiBase().toString().replaceAll("/+$", ""))
                .setMaxNetworkRetries(settings.maxNetworkRetries())
                .setConnectTimeout(timeout)
                .setReadTimeout(timeout)
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean knows(String paymentMethod) {
        return paymentMethod != null && PAYMENT_METHOD.matcher(paymentMethod).matches();
    }

    @Override
    public CaptureResult capture(CaptureRequest request) {
        Matcher method = PAYMENT_METHOD.matcher(request.paymentMethod() == null ? "" : request.paymentMethod());
        if (!method.matches()) {
            throw new UnknownPaymentMethodException(NAME);
        }
        var params = PaymentIntentCreateParams.builder()
                .setAmount(request.amount().amount())
                .setCurrency(request.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                .setPaymentMethod(method.group(2))
                .addPaymentMethodType("card")
                .setConfirm(true)
                .setDescription(request.description())
                .putMetadata("fairbill_charge_id", request.idempotencyKey())
                .putMetadata("fairbill_tenant", tenant);
        if (method.group(1) != null) {
            params.setCustomer(method.group(1));
        }
        if (request.offSession()) {
            params.setOffSession(true);
        }
        try {
            var options = RequestOptions.builder().setIdempotencyKey(CHARGE_KEY + request.idempotencyKey()).build();
            PaymentIntent intent = backingOff(() -> client.v1().paymentIntents().create(params.build(), options));
            if ("processing".equals(intent.getStatus())) {
                // an idempotent replay repeats the first answer: only a read tells whether it has been decided since
                String id = intent.getId();
                intent = backingOff(() -> client.v1().paymentIntents().retrieve(id));
            }
            return switch (intent.getStatus()) {
                case "succeeded" -> new Captured(intent.getId());
                case "requires_action" -> new Declined("authentication_required");
                case "processing" -> throw new ProcessorUnavailable("stripe: the payment is still processing");
                default -> new Declined(intent.getLastPaymentError() != null
                        ? codeOf(intent.getLastPaymentError().getDeclineCode(), intent.getLastPaymentError().getCode())
                        : "payment_" + intent.getStatus());
            };
        } catch (CardException declined) {
            return new Declined(codeOf(declined.getDeclineCode(), declined.getCode()));
        } catch (InvalidRequestException invalid) {
            // a payment method Stripe does not have, a currency it refuses: the charge fails, nothing was taken
            return new Declined(refusal("capture", invalid));
        } catch (StripeException failed) {
            throw unavailable("capture", failed);
        }
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        var params = RefundCreateParams.builder()
                .setPaymentIntent(request.processorChargeId())
                .setAmount(request.amount().amount())
                .putMetadata("fairbill_refund_id", request.refundId())
                .putMetadata("fairbill_charge_id", request.chargeId())
                .putMetadata("fairbill_tenant", tenant)
                .build();
        try {
            var options = RequestOptions.builder().setIdempotencyKey(REFUND_KEY + request.idempotencyKey()).build();
            Refund refund = backingOff(() -> client.v1().refunds().create(params, options));
            return switch (refund.getStatus()) {
                case "succeeded", "pending" -> new Refunded(refund.getId());
                case "failed" -> new RefundDeclined(codeOf(refund.getFailureReason(), "refund_failed"));
                default -> new RefundDeclined("refund_" + refund.getStatus());
            };
        } catch (InvalidRequestException invalid) {
            // already refunded at Stripe, more than is left, a charge it does not have: nothing was paid
            return new RefundDeclined(refusal("refund", invalid));
        } catch (StripeException failed) {
            throw unavailable("refund", failed);
        }
    }

    /**
     * Updates the dispute's evidence from the bundle and submits it (Stripe then decides; it takes no further
     * evidence). The key is the dispute's, so a submission made again after a crash is answered with the first answer.
     * A dispute Stripe no longer takes evidence for (closed, or past its due date) refuses it.
     */
    @Override
    public EvidenceResult submitDisputeEvidence(EvidenceRequest request) {
        var evidence = DisputeUpdateParams.Evidence.builder()
                .setProductDescription(text(request.productDescription()))
                .setAccessActivityLog(text(request.activityLog()))
                .setUncategorizedText(text(request.explanation()));
        if (request.serviceDate() != null) {
            evidence.setServiceDate(request.serviceDate().toString().substring(0, 10));
        }
        var params = DisputeUpdateParams.builder()
                .setEvidence(evidence.build())
                .setSubmit(true)
                .putMetadata("fairbill_dispute_id", request.disputeId())
                .putMetadata("fairbill_charge_id", request.chargeId())
                .putMetadata("fairbill_tenant", tenant)
                .build();
        try {
            var options = RequestOptions.builder().setIdempotencyKey(EVIDENCE_KEY + request.disputeId()).build();
            Dispute dispute = backingOff(() -> client.v1().disputes().update(request.processorDisputeId(), params,
                    options));
            return "under_review".equals(dispute.getStatus()) || "won".equals(dispute.getStatus())
                    || "lost".equals(dispute.getStatus()) || "warning_under_review".equals(dispute.getStatus())
                    || "warning_closed".equals(dispute.getStatus())
                    ? new EvidenceSubmitted() : new EvidenceRefused("dispute_" + dispute.getStatus());
        } catch (InvalidRequestException invalid) {
            // a dispute that is closed, past its due date or already submitted takes no evidence; Stripe may name no code
            String code = refusal("dispute evidence", invalid);
            return new EvidenceRefused("declined".equals(code) ? "evidence_refused" : code);
        } catch (StripeException failed) {
            throw unavailable("dispute evidence", failed);
        }
    }

    /** Stripe takes at most 20,000 characters in one evidence field. */
    private static String text(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= EVIDENCE_FIELD_LIMIT ? value
                : value.substring(0, EVIDENCE_FIELD_LIMIT - 1) + "…";
    }

    /** A call Stripe rate-limited is made again after a pause that doubles each time, with the same key. */
    private <T> T backingOff(StripeCall<T> call) throws StripeException {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.make();
            } catch (RateLimitException limited) {
                if (attempt >= retries || !BackOff.pause(attempt)) {
                    throw limited;
                }
            }
        }
    }

    @FunctionalInterface
    private interface StripeCall<T> {
        T make() throws StripeException;
    }

    /** The PaymentIntents created since {@code since}, every page, each with its latest charge's refunded amount. */
    @Override
    public Optional<List<ProcessorPayment>> paymentsSince(Instant since) {
        var params = PaymentIntentListParams.builder()
                .setCreated(PaymentIntentListParams.Created.builder().setGte(since.getEpochSecond()).build())
                .setLimit(100L)
                .addExpand("data.latest_charge")
                .build();
        try {
            List<ProcessorPayment> payments = new ArrayList<>();
            for (PaymentIntent intent : backingOff(() -> client.v1().paymentIntents().list(params))
                    .autoPagingIterable()) {
                String currency = intent.getCurrency().toUpperCase(Locale.ROOT);
                Long refunded = intent.getLatestChargeObject() == null ? null
                        : intent.getLatestChargeObject().getAmountRefunded();
                payments.add(new ProcessorPayment(intent.getId(), intent.getMetadata() == null ? null
                        : intent.getMetadata().get("fairbill_charge_id"),
                        Money.of(intent.getAmount(), currency), "succeeded".equals(intent.getStatus()),
                        Money.of(refunded == null ? 0 : refunded, currency),
                        Instant.ofEpochSecond(intent.getCreated())));
            }
            return Optional.of(payments);
        } catch (StripeException failed) {
            throw unavailable("list of payments", failed);
        }
    }

    /** The code of a request Stripe refused; a conflict (a parallel request under the key) is no refusal. */
    private String refusal(String call, InvalidRequestException invalid) {
        if (invalid.getStatusCode() == null || invalid.getStatusCode() == 409) {
            throw unavailable(call, invalid);
        }
        return codeOf(null, invalid.getCode());
    }

    private static String codeOf(String detail, String code) {
        String chosen = detail != null && !detail.isBlank() ? detail : code;
        return chosen == null || chosen.isBlank() ? "declined" : chosen;
    }

    private ProcessorUnavailable unavailable(String call, StripeException failed) {
        log.warn("Stripe did not answer a {}: tenant={} status={} code={} requestId={}", call, tenant,
                failed.getStatusCode(), failed.getCode(), failed.getRequestId());
        return new ProcessorUnavailable("stripe: " + call + " not answered (" + failed.getClass().getSimpleName()
                + ", status " + failed.getStatusCode() + ", code " + failed.getCode() + ")", failed);
    }
}

package dev.fairbill.billing.payment;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.adyen.Client;
import com.adyen.Config;
import com.adyen.enums.Environment;
import com.adyen.model.RequestOptions;
import com.adyen.model.checkout.Amount;
import com.adyen.model.checkout.CardDetails;
import com.adyen.model.checkout.CheckoutPaymentMethod;
import com.adyen.model.checkout.PaymentRefundRequest;
import com.adyen.model.checkout.PaymentRefundResponse;
import com.adyen.model.checkout.PaymentRequest;
import com.adyen.model.checkout.PaymentResponse;
import com.adyen.service.checkout.ModificationsApi;
import com.adyen.model.disputes.DefendDisputeRequest;
import com.adyen.model.disputes.DefenseDocument;
import com.adyen.model.disputes.DefenseDocumentType;
import com.adyen.model.disputes.DefenseReason;
import com.adyen.model.disputes.DefenseReasonsRequest;
import com.adyen.model.disputes.DisputeServiceResult;
import com.adyen.model.disputes.SupplyDefenseDocumentRequest;
import com.adyen.service.checkout.PaymentsApi;
import com.adyen.service.disputes.DisputesApi;
import com.adyen.service.exception.ApiException;

/**
 * Adyen through its Checkout API (adyen-java-api-library), for one tenant's merchant account.
 * <ul>
 *   <li>Capture: {@code /payments} with the shopper's stored card ({@code <shopperReference>/<storedPaymentMethodId>}),
 *       as a card-on-file payment the shopper starts, or a subscription payment ({@code ContAuth}) for the charges
 *       billing makes by itself. The merchant account captures immediately, so {@code Authorised} is a capture; the
 *       {@code AUTHORISATION} notification decides a payment Adyen answered {@code Received} or {@code Pending}.</li>
 *   <li>Refund: {@code /payments/{pspReference}/refunds}. Adyen only receives it ({@code received}); the refund is
 *       final when its {@code REFUND} notification says so, success or not ({@link RefundAccepted}).</li>
 *   <li>Every request carries an idempotency key ({@code fairbill-capture-<charge>}, {@code fairbill-refund-<refund>})
 *       and the reference of our id. A request is sent again with the same key after a network error, a 429 or a 5xx;
 *       Adyen answers a repeated key with its first answer.</li>
 *   <li>Disputes, through the Disputes API: of the defense reasons the merchant configured, the first that applies to
 *       the dispute and that one document can satisfy; the bundle goes as that document (a PDF), and the dispute is
 *       defended. Without a configured reason that fits, the bundle is ready for an operator to send from Adyen's
 *       Customer Area.</li>
 * </ul>
 * Logs name the tenant, the HTTP status and Adyen's error code and PSP reference, never payment methods or keys.
 */
public final class AdyenPaymentGateway implements PaymentGateway {

    public static final String NAME = ProcessorSettings.Processor.ADYEN.storedName();
    static final String CAPTURE_KEY = "fairbill-capture-";
    static final String REFUND_KEY = "fairbill-refund-";
    private static final Logger log = LoggerFactory.getLogger(AdyenPaymentGateway.class);
    /** A shopper's stored card: the shopper reference the card was stored under, and the stored payment method id. */
    private static final Pattern STORED_CARD = Pattern.compile("[A-Za-z0-9._@:-]{3,64}/[A-Za-z0-9]{8,64}");
    /** Adyen's refusal reason codes, named as billing names declines everywhere. */
    private static final Map<String, String> REFUSALS = Map.of("2", "card_declined", "5", "card_blocked",
            "6", "expired_card", "11", "authentication_required", "12", "insufficient_funds", "20", "fraudulent",
            "24", "incorrect_cvc", "38", "authentication_required");

    private final String tenant;
    private final String merchantAccount;
    private final PaymentsApi payments;
    private final ModificationsApi modifications;
    private final DisputesApi disputes;
    private final List<String> defenseReasons;
    private final int retries;

    public AdyenPaymentGateway(String tenant, ProcessorSettings.Adyen settings) {
        this.tenant = tenant;
        this.merchantAccount = settings.merchantAccount();
        this.retries = settings.maxNetworkRetries();
        Config config = new Config();
        config.setApiKey(settings.apiKey());
        config.setEnvironment(settings.live() ? Environment.LIVE : Environment.TEST);
        if (settings.liveUrlPrefix() != null) {
            config.setLiveEndpointUrlPrefix(settings.liveUrlPrefix());
        }
        config.setConnectionTimeoutMillis((int) settings.timeout().toMillis());
        config.setReadTimeoutMillis((int) settings.timeout().toMillis());
        Client client = new Client(config);
        String checkout = settings.checkoutUrl() == null ? null : settings.checkoutUrl().toString();
        this.payments = checkout == null ? new PaymentsApi(client) : new PaymentsApi(client, checkout);
        this.modifications = checkout == null ? new ModificationsApi(client) : new ModificationsApi(client, checkout);
        this.disputes = settings.disputesUrl() == null ? new DisputesApi(client)
                : new DisputesApi(client, settings.disputesUrl().toString());
        this.defenseReasons = settings.defenseReasons();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean knows(String paymentMethod) {
        return paymentMethod != null && STORED_CARD.matcher(paymentMethod).matches();
    }

    @Override
    public CaptureResult capture(CaptureRequest request) {
        if (!knows(request.paymentMethod())) {
            throw new UnknownPaymentMethodException(NAME);
        }
        String[] card = request.paymentMethod().split("/", 2);
        var payment = new PaymentRequest()
                .merchantAccount(merchantAccount)
                .reference(request.idempotencyKey())
                .amount(amount(request.amount()))
                .paymentMethod(new CheckoutPaymentMethod(new CardDetails().storedPaymentMethodId(card[1])))
                .shopperReference(card[0])
                .shopperInteraction(PaymentRequest.ShopperInteractionEnum.CONTAUTH)
                .recurringProcessingModel(request.offSession()
                        ? PaymentRequest.RecurringProcessingModelEnum.SUBSCRIPTION
                        : PaymentRequest.RecurringProcessingModelEnum.CARDONFILE)
                .putMetadataItem("fairbill_charge_id", request.idempotencyKey())
                .putMetadataItem("fairbill_tenant", tenant);
        if (request.description() != null) {
            payment.shopperStatement(request.description().length() > 22 ? request.description().substring(0, 22)
                    : request.description());
        }
        PaymentResponse response;
        try {
            response = retrying("capture", () -> payments.payments(payment,
                    new RequestOptions().idempotencyKey(CAPTURE_KEY + request.idempotencyKey())));
        } catch (ApiException refused) {
            // a request Adyen validated and refused (422): nothing was taken
            return new Declined(errorCode(refused));
        }
        if (response.getResultCode() == null) {
            throw new ProcessorUnavailable("adyen: a payment answered without a result code");
        }
        return switch (response.getResultCode()) {
            case AUTHORISED -> new Captured(response.getPspReference());
            case REFUSED -> new Declined(REFUSALS.getOrDefault(response.getRefusalReasonCode(), "card_declined"));
            case ERROR -> new Declined("processing_error");
            case CANCELLED -> new Declined("cancelled");
            case REDIRECTSHOPPER, IDENTIFYSHOPPER, CHALLENGESHOPPER, PRESENTTOSHOPPER ->
                    new Declined("authentication_required");
            // decided later: the AUTHORISATION notification records the answer
            default -> throw new ProcessorUnavailable("adyen: payment " + response.getPspReference() + " is "
                    + response.getResultCode());
        };
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        var refund = new PaymentRefundRequest()
                .merchantAccount(merchantAccount)
                .reference(request.refundId())
                .amount(amount(request.amount()));
        try {
            PaymentRefundResponse response = retrying("refund", () -> modifications.refundCapturedPayment(
                    request.processorChargeId(), refund,
                    new RequestOptions().idempotencyKey(REFUND_KEY + request.idempotencyKey())));
            return new RefundAccepted(response.getPspReference());
        } catch (ApiException refused) {
            // more than is left, a payment Adyen does not have: nothing was paid
            return new RefundDeclined(errorCode(refused));
        }
    }

    /**
     * Defends the dispute with the first configured defense reason that Adyen offers for it and that the bundle, as
     * one PDF document, satisfies: the document is supplied under the type the reason requires, then the dispute is
     * defended. Otherwise the bundle is left for an operator.
     */
    @Override
    public EvidenceResult submitDisputeEvidence(EvidenceRequest request) {
        if (defenseReasons.isEmpty()) {
            return new EvidenceForOperator("no Adyen defense reasons are configured for this tenant: defend it from"
                    + " Adyen's Customer Area");
        }
        String dispute = request.processorDisputeId();
        try {
            var applicable = retrying("defense reasons", () -> disputes.retrieveApplicableDefenseReasons(
                    new DefenseReasonsRequest().merchantAccountCode(merchantAccount).disputePspReference(dispute)));
            if (!succeeded(applicable.getDisputeServiceResult())) {
                return refusedBy(applicable.getDisputeServiceResult());
            }
            Optional<Defense> defense = defenseFor(applicable.getDefenseReasons());
            if (defense.isEmpty()) {
                return new EvidenceForOperator("none of the configured Adyen defense reasons applies to this dispute"
                        + " with one document: defend it from Adyen's Customer Area");
            }
            if (defense.get().documentType() != null) {
                var supplied = retrying("defense document", () -> disputes.supplyDefenseDocument(
                        new SupplyDefenseDocumentRequest().merchantAccountCode(merchantAccount)
                                .disputePspReference(dispute)
                                .addDefenseDocumentsItem(new DefenseDocument()
                                        // the library sends these bytes as they are: Adyen reads Base64
                                        .content(Base64.getEncoder().encode(EvidencePdf.of(request)))
                                        .contentType("application/pdf")
                                        .defenseDocumentTypeCode(defense.get().documentType()))));
                if (!succeeded(supplied.getDisputeServiceResult())) {
                    return refusedBy(supplied.getDisputeServiceResult());
                }
            }
            var defended = retrying("defense", () -> disputes.defendDispute(new DefendDisputeRequest()
                    .merchantAccountCode(merchantAccount).disputePspReference(dispute)
                    .defenseReasonCode(defense.get().reason())));
            return succeeded(defended.getDisputeServiceResult()) ? new EvidenceSubmitted()
                    : refusedBy(defended.getDisputeServiceResult());
        } catch (ApiException refused) {
            return new EvidenceRefused(errorCode(refused));
        }
    }

    /** A defense reason and the document type the bundle goes as (null when the reason asks for none). */
    private record Defense(String reason, String documentType) {
    }

    /**
     * The first configured reason Adyen offers whose documents one document satisfies: at most one {@code Required}
     * type, else a {@code OneOrMore} or {@code AlternativeRequired} type, else an optional one.
     */
    private Optional<Defense> defenseFor(List<DefenseReason> offered) {
        for (String preferred : defenseReasons) {
            for (DefenseReason reason : offered == null ? List.<DefenseReason>of() : offered) {
                if (!preferred.equals(reason.getDefenseReasonCode())) {
                    continue;
                }
                List<DefenseDocumentType> types = reason.getDefenseDocumentTypes() == null ? List.of()
                        : reason.getDefenseDocumentTypes();
                List<String> required = codes(types, "Required");
                if (required.size() > 1) {
                    continue;
                }
                String type = !required.isEmpty() ? required.getFirst()
                        : codes(types, "OneOrMore").stream().findFirst()
                        .or(() -> codes(types, "AlternativeRequired").stream().findFirst())
                        .or(() -> types.stream().map(DefenseDocumentType::getDefenseDocumentTypeCode).findFirst())
                        .orElse(null);
                return Optional.of(new Defense(preferred, type));
            }
        }
        return Optional.empty();
    }

    private static List<String> codes(List<DefenseDocumentType> types, String level) {
        return types.stream().filter(type -> level.equals(type.getRequirementLevel()))
                .map(DefenseDocumentType::getDefenseDocumentTypeCode).filter(Objects::nonNull).toList();
    }

    private static boolean succeeded(DisputeServiceResult result) {
        return result != null && Boolean.TRUE.equals(result.getSuccess());
    }

    private static EvidenceRefused refusedBy(DisputeServiceResult result) {
        String message = result == null || result.getErrorMessage() == null ? "defense_refused"
                : result.getErrorMessage().strip();
        return new EvidenceRefused("adyen: " + (message.length() > 200 ? message.substring(0, 200) : message));
    }

    private static Amount amount(dev.fairbill.platform.money.Money money) {
        return new Amount().value(money.amount()).currency(money.currency().getCurrencyCode());
    }

    /**
     * Makes the call, again with the same key after a network error, a 429 or a 5xx, pausing 250 ms, 500 ms, … . A
     * call still unanswered then, or one Adyen refuses to authorise (401, 403), waits for the sweep.
     *
     * @throws ApiException Adyen's refusal of the request itself (4xx other than those)
     */
    private <T> T retrying(String call, AdyenCall<T> request) throws ApiException {
        for (int attempt = 0; ; attempt++) {
            try {
                return request.make();
            } catch (ApiException failed) {
                int status = failed.getStatusCode();
                boolean again = status == 429 || status >= 500 || status == 0;
                if (!again && status != 401 && status != 403) {
                    log.info("Adyen refused a {}: tenant={} status={} errorCode={} pspReference={}", call, tenant,
                            status, errorCode(failed), failed.getError() == null ? null
                                    : failed.getError().getPspReference());
                    throw failed;
                }
                if (!again || attempt >= retries) {
                    throw unavailable(call, "status " + status + ", errorCode " + errorCode(failed), failed);
                }
            } catch (IOException failed) {
                if (attempt >= retries) {
                    throw unavailable(call, failed.getClass().getSimpleName(), failed);
                }
            }
            if (!BackOff.pause(attempt)) {
                throw new ProcessorUnavailable("adyen: interrupted while backing off");
            }
        }
    }

    private static String errorCode(ApiException failed) {
        String code = failed.getError() == null ? null : failed.getError().getErrorCode();
        return code == null || code.isBlank() ? "refused" : "adyen_" + code;
    }

    private ProcessorUnavailable unavailable(String call, String cause, Exception failed) {
        log.warn("Adyen did not answer a {}: tenant={} cause={}", call, tenant, cause);
        return new ProcessorUnavailable("adyen: " + call + " not answered (" + cause + ")", failed);
    }

    @FunctionalInterface
    private interface AdyenCall<T> {
        T make() throws ApiException, IOException;
    }
}

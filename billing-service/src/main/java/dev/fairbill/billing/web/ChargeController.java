package dev.fairbill.billing.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.billing.catalog.Catalog;
import dev.fairbill.billing.charge.ChargeCommands.CaptureCharge;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.PurchaseId;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.billing.process.ChargePayments;
import dev.fairbill.billing.query.AccountProjection;
import dev.fairbill.billing.query.AccountView;
import dev.fairbill.billing.query.ChargeQueries;
import dev.fairbill.billing.query.ChargeView;
import dev.fairbill.billing.query.PurchaseProjection;
import dev.fairbill.billing.query.SubscriptionProjection;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.platform.web.UnprocessableException;
import dev.fairbill.platform.web.idempotency.IdempotentCreation;
import dev.fairbill.platform.web.page.Page;
import dev.fairbill.platform.web.page.PageRequest;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1/charges")
public class ChargeController {

    private final ChargePayments payments;
    private final AccountProjection accounts;
    private final PurchaseProjection purchases;
    private final ChargeQueries charges;
    private final Catalog catalog;
    private final SubscriptionProjection subscriptions;

    public ChargeController(ChargePayments payments, AccountProjection accounts, PurchaseProjection purchases,
                            ChargeQueries charges, Catalog catalog, SubscriptionProjection subscriptions) {
        this.payments = payments;
        this.accounts = accounts;
        this.purchases = purchases;
        this.charges = charges;
        this.catalog = catalog;
        this.subscriptions = subscriptions;
    }

    /**
     * A declined card is still a charge: 201 with status FAILED. A charge the account's cash balance may pay is 201
     * PENDING until the ledger answers: read it again to see the outcome.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<ChargeResponse> create(@Valid @RequestBody ChargeRequest request) {
        String tenant = Caller.current().tenant();
        ChargeId id = ChargeId.of(IdempotentCreation.id(IdPrefix.CHARGE));
        if (charges.find(tenant, id.value()).isEmpty()) {
            capture(tenant, id, request);
        }
        return ResponseEntity.created(URI.create("/api/v1/charges/" + id.value()))
                .body(ChargeResponse.of(charges.find(tenant, id.value()).orElseThrow()));
    }

    private void capture(String tenant, ChargeId id, ChargeRequest request) {
        AccountView account = accounts.active(tenant, request.accountId(), "be charged");
        var amount = request.amount().toMoney("amount");
        if (!catalog.currencies(tenant).contains(amount.currency())) {
            throw new UnprocessableException("currency-not-accepted", "Currency not accepted", "This tenant charges "
                    + "its accounts in " + catalog.currencies(tenant) + ", not " + amount.currency() + ".");
        }
        SubscriptionId subscription = request.subscriptionId() == null ? null
                : subscription(tenant, account, request.subscriptionId());
        PurchaseId purchase = request.purchaseId() == null ? null : purchase(tenant, account, request.purchaseId());
        String paymentMethod = request.paymentMethod() != null ? request.paymentMethod()
                : account.defaultPaymentMethod();
        payments.capture(new CaptureCharge(id, AccountId.of(account.id()), tenant, amount, request.description(),
                subscription, null, purchase, paymentMethod, Boolean.TRUE.equals(request.intentional())));
    }

    @GetMapping("/{chargeId}")
    public ChargeResponse get(@PathVariable String chargeId) {
        return charges.find(Caller.current().tenant(), Ids.requireValid(IdPrefix.CHARGE, chargeId))
                .map(ChargeResponse::of)
                .orElseThrow(() -> new NotFoundException("Charge " + chargeId));
    }

    @GetMapping
    public Page<ChargeResponse> list(@RequestParam(required = false) String accountId, PageRequest page) {
        long after = page.afterSequence();
        Page<ChargeView> views = Page.of(charges.list(Caller.current().tenant(), accountId, after,
                page.fetchSize()), page, view -> Long.toString(view.seq()));
        return new Page<>(views.data().stream().map(ChargeResponse::of).toList(), views.nextCursor());
    }

    /** A charge names only a subscription of its own account, as it does a purchase. */
    private SubscriptionId subscription(String tenant, AccountView account, String subscriptionId) {
        return subscriptions.find(tenant, subscriptionId)
                .filter(found -> found.accountId().equals(account.id()))
                .map(found -> SubscriptionId.of(found.id()))
                .orElseThrow(() -> new UnprocessableException("subscription-not-found", "Subscription not found",
                        "Subscription " + subscriptionId + " of account " + account.id() + " not found."));
    }

    private PurchaseId purchase(String tenant, AccountView account, String purchaseId) {
        return purchases.find(tenant, purchaseId)
                .filter(found -> found.accountId().equals(account.id()))
                .map(found -> PurchaseId.of(found.id()))
                .orElseThrow(() -> new UnprocessableException("purchase-not-found", "Purchase not found",
                        "Purchase " + purchaseId + " of account " + account.id() + " not found."));
    }
}

package dev.fairbill.billing.web;

import java.net.URI;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.billing.catalog.Catalog;
import dev.fairbill.billing.catalog.CatalogProduct;
import dev.fairbill.billing.charge.ChargeCommands.CaptureCharge;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.ids.PurchaseId;
import dev.fairbill.billing.payment.PaymentMethods;
import dev.fairbill.billing.process.ChargePayments;
import dev.fairbill.billing.purchase.PurchaseCommands.PlacePurchase;
import dev.fairbill.billing.purchase.PurchaseCommands.ReportPurchaseFulfilment;
import dev.fairbill.billing.purchase.PurchaseProduct;
import dev.fairbill.billing.query.AccountProjection;
import dev.fairbill.billing.query.AccountView;
import dev.fairbill.billing.query.PurchaseProjection;
import dev.fairbill.billing.query.PurchaseView;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.platform.web.UnprocessableException;
import dev.fairbill.platform.web.idempotency.IdempotentCreation;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1/purchases")
public class PurchaseController {

    private final CommandGateway commands;
    private final AccountProjection accounts;
    private final PurchaseProjection purchases;
    private final Catalog catalog;
    private final TransactionTemplate transaction;
    private final PaymentMethods paymentMethods;
    private final ChargePayments payments;
    private final Backdates backdates;

    public PurchaseController(CommandGateway commands, AccountProjection accounts, PurchaseProjection purchases,
                              Catalog catalog, TransactionTemplate transaction, PaymentMethods paymentMethods,
                              Backdates backdates, ChargePayments payments) {
        this.commands = commands;
        this.accounts = accounts;
        this.purchases = purchases;
        this.catalog = catalog;
        this.transaction = transaction;
        this.paymentMethods = paymentMethods;
        this.payments = payments;
        this.backdates = backdates;
    }

    /** Places the purchase and charges it at once; the purchase is PAID as soon as the capture is recorded. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<PurchaseResponse> purchase(@Valid @RequestBody PurchaseRequest request) {
        String tenant = Caller.current().tenant();
        PurchaseId id = PurchaseId.of(IdempotentCreation.id(IdPrefix.PURCHASE));
        if (purchases.find(tenant, id.value()).isEmpty()) {
            place(tenant, id, ChargeId.of(IdempotentCreation.id(IdPrefix.CHARGE)), request);
        }
        return ResponseEntity.created(URI.create("/api/v1/purchases/" + id.value()))
                .body(PurchaseResponse.of(purchases.find(tenant, id.value()).orElseThrow()));
    }

    private void place(String tenant, PurchaseId id, ChargeId chargeId, PurchaseRequest request) {
        AccountView account = accounts.active(tenant, request.accountId(), "purchase");
        CatalogProduct product = catalog.product(tenant, request.productId())
                .orElseThrow(() -> new UnprocessableException("product-not-found", "Product not found",
                        "Product " + request.productId() + " is not in this tenant's catalog."));
        String paymentMethod = request.paymentMethod() != null ? request.paymentMethod()
                : account.defaultPaymentMethod();
        paymentMethods.requireKnown(tenant, paymentMethod);
        backdates.requireWithinLimit(request.backdateTo(), "backdateTo");
        AccountId accountId = AccountId.of(account.id());
        // one transaction: a refused charge (e.g. an unknown payment method) leaves no purchase behind
        transaction.executeWithoutResult(status -> {
            commands.sendAndWait(new PlacePurchase(id, accountId, tenant, snapshot(product), chargeId,
                    request.backdateTo()));
            payments.requestCapture(new CaptureCharge(chargeId, accountId, tenant, product.price(), product.name(),
                    null, null, id, paymentMethod, false));
        });
        // committed: the processor is called outside the transaction, and the 201 shows the purchase paid or failed
        payments.call(chargeId.value());
    }

    @GetMapping("/{purchaseId}")
    public PurchaseResponse get(@PathVariable String purchaseId) {
        return PurchaseResponse.of(find(purchaseId));
    }

    @PostMapping("/{purchaseId}/fulfilment")
    public PurchaseResponse reportFulfilment(@PathVariable String purchaseId,
                                             @Valid @RequestBody PurchaseFulfilmentRequest request) {
        String tenant = Caller.current().tenant();
        find(purchaseId);
        commands.sendAndWait(new ReportPurchaseFulfilment(PurchaseId.of(purchaseId), tenant, request.status(),
                request.delivered(), request.currentCount(), request.refillId()));
        return PurchaseResponse.of(find(purchaseId));
    }

    private PurchaseView find(String purchaseId) {
        return purchases.find(Caller.current().tenant(), Ids.requireValid(IdPrefix.PURCHASE, purchaseId))
                .orElseThrow(() -> new NotFoundException("Purchase " + purchaseId));
    }

    private static PurchaseProduct snapshot(CatalogProduct product) {
        return new PurchaseProduct(product.id(), PurchaseProduct.Kind.valueOf(product.kind().name()),
                product.price(), product.credits(), product.quantity(), product.refillWindow(),
                product.maxDeliveryTime());
    }
}

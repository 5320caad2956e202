package dev.fairbill.billing.web;

import java.net.URI;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fairbill.billing.query.TestClocks;
import dev.fairbill.platform.testclock.TestTime;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.billing.catalog.Catalog;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.subscription.PlanTerms;
import dev.fairbill.billing.subscription.SubscriptionCommands.CancelSubscription;
import dev.fairbill.billing.subscription.SubscriptionCommands.ChangeSubscriptionPaymentMethod;
import dev.fairbill.billing.subscription.SubscriptionCommands.ChangeSubscriptionPlan;
import dev.fairbill.billing.subscription.SubscriptionCommands.CreateSubscription;
import dev.fairbill.billing.subscription.SubscriptionCommands.WithdrawSubscriptionCancellation;
import dev.fairbill.billing.ids.SubscriptionId;
import dev.fairbill.billing.payment.PaymentMethods;
import dev.fairbill.billing.query.AccountProjection;
import dev.fairbill.billing.query.AccountView;
import dev.fairbill.billing.query.SubscriptionProjection;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.platform.web.UnprocessableException;
import dev.fairbill.platform.web.idempotency.IdempotentCreation;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1/subscriptions")
public class SubscriptionController {

    private final CommandGateway commands;
    private final SubscriptionProjection subscriptions;
    private final AccountProjection accounts;
    private final Catalog catalog;
    private final PaymentMethods paymentMethods;
    private final Backdates backdates;
    private final TestClocks testClocks;
    private final TransactionTemplate transaction;

    public SubscriptionController(CommandGateway commands, SubscriptionProjection subscriptions,
                                  AccountProjection accounts, Catalog catalog, PaymentMethods paymentMethods,
                                  Backdates backdates, TestClocks testClocks, TransactionTemplate transaction) {
        this.testClocks = testClocks;
        this.transaction = transaction;
        this.commands = commands;
        this.subscriptions = subscriptions;
        this.accounts = accounts;
        this.catalog = catalog;
        this.paymentMethods = paymentMethods;
        this.backdates = backdates;
    }

    /** The first period is charged at once (after the trial, if any); its charge id is in the answer. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<SubscriptionResponse> create(@Valid @RequestBody SubscriptionCreateRequest request) {
        String tenant = Caller.current().tenant();
        SubscriptionId id = SubscriptionId.of(IdempotentCreation.id(IdPrefix.SUBSCRIPTION));
        if (subscriptions.find(tenant, id.value()).isEmpty()) {
            create(tenant, id, request);
        }
        return ResponseEntity.created(URI.create("/api/v1/subscriptions/" + id.value())).body(read(tenant, id));
    }

    private void create(String tenant, SubscriptionId id, SubscriptionCreateRequest request) {
        AccountView account = accounts.active(tenant, request.accountId(), "start subscriptions");
        PlanTerms plan = plan(tenant, request.planId());
        String paymentMethod = request.paymentMethod() != null ? request.paymentMethod()
                : account.defaultPaymentMethod();
        if (paymentMethod == null) {
            throw new UnprocessableException("payment-method-required", "Payment method required",
                    "Neither the request nor account " + account.id() + " names a payment method.");
        }
        paymentMethods.requireKnown(tenant, paymentMethod);
        backdates.requireWithinLimit(request.backdateStartTo(), "backdateStartTo");
        var command = new CreateSubscription(id, AccountId.of(account.id()), tenant, plan, paymentMethod,
                request.backdateStartTo(), request.couponPercentOff());
        if (account.testClock() == null) {
            commands.sendAndWait(command);
            return;
        }
        // starts at the clock's time; the clock stays READY until the subscription exists
        transaction.executeWithoutResult(status -> TestTime.at(account.id(),
                testClocks.lockReady(tenant, account.testClock()), () -> commands.sendAndWait(command)));
    }

    @GetMapping("/{subscriptionId}")
    public SubscriptionResponse get(@PathVariable String subscriptionId) {
        return read(Caller.current().tenant(), existing(subscriptionId));
    }

    /**
     * Cancels at the end of the period or at once; a requested refund is decided separately by the refund service,
     * under the case id named in the answer.
     */
    @PostMapping("/{subscriptionId}/cancel")
    public Object cancel(@PathVariable String subscriptionId, @Valid @RequestBody SubscriptionCancelRequest request) {
        SubscriptionId id = existing(subscriptionId);
        String refundCaseId = request.refundRequested() ? Ids.generate(IdPrefix.REFUND_CASE) : null;
        commands.sendAndWait(new CancelSubscription(id, request.modeOrDefault(), request.reason(),
                request.refundRequested(), request.refundRequested() && request.refundReason() != null
                        ? request.refundReason().name() : null, refundCaseId));
        SubscriptionResponse cancelled = read(Caller.current().tenant(), id);
        return request.refundRequested() ? new SubscriptionCancelResponse(cancelled, refundCaseId) : cancelled;
    }

    @PostMapping("/{subscriptionId}/cancellation/withdraw")
    public SubscriptionResponse withdrawCancellation(@PathVariable String subscriptionId) {
        SubscriptionId id = existing(subscriptionId);
        commands.sendAndWait(new WithdrawSubscriptionCancellation(id));
        return read(Caller.current().tenant(), id);
    }

    /** Switches plan from the next period on. */
    @PostMapping("/{subscriptionId}/plan")
    public SubscriptionResponse changePlan(@PathVariable String subscriptionId,
                                           @Valid @RequestBody SubscriptionPlanChangeRequest request) {
        SubscriptionId id = existing(subscriptionId);
        commands.sendAndWait(new ChangeSubscriptionPlan(id, plan(Caller.current().tenant(), request.planId())));
        return read(Caller.current().tenant(), id);
    }

    /** The payment method later periods and dunning retries are charged to. */
    @PostMapping("/{subscriptionId}/payment-method")
    public SubscriptionResponse changePaymentMethod(@PathVariable String subscriptionId,
                                                    @Valid @RequestBody SubscriptionPaymentMethodRequest request) {
        SubscriptionId id = existing(subscriptionId);
        paymentMethods.requireKnown(Caller.current().tenant(), request.paymentMethod());
        commands.sendAndWait(new ChangeSubscriptionPaymentMethod(id, request.paymentMethod()));
        return read(Caller.current().tenant(), id);
    }

    private PlanTerms plan(String tenant, String planId) {
        return catalog.plan(tenant, planId)
                .orElseThrow(() -> new UnprocessableException("unknown-plan", "Unknown plan",
                        "Plan " + planId + " is not in the catalog."))
                .terms();
    }

    /** The subscription of the caller's tenant; another tenant's answers 404 like an unknown one. */
    private SubscriptionId existing(String subscriptionId) {
        Ids.requireValid(IdPrefix.SUBSCRIPTION, subscriptionId);
        return subscriptions.find(Caller.current().tenant(), subscriptionId)
                .map(view -> SubscriptionId.of(view.id()))
                .orElseThrow(() -> new NotFoundException("Subscription " + subscriptionId));
    }

    private SubscriptionResponse read(String tenant, SubscriptionId id) {
        return SubscriptionResponse.of(subscriptions.find(tenant, id.value()).orElseThrow());
    }
}

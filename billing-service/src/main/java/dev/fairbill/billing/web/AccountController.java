package dev.fairbill.billing.web;

import java.net.URI;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.account.AccountRole;
import dev.fairbill.billing.account.AccountRuleViolation;
import dev.fairbill.billing.account.OpenAccount;
import dev.fairbill.billing.query.TestClocks;
import dev.fairbill.platform.testclock.TestTime;
import org.springframework.transaction.support.TransactionTemplate;
import java.time.Instant;
import dev.fairbill.billing.payment.PaymentMethods;
import dev.fairbill.billing.query.AccountCashBalances;
import dev.fairbill.billing.query.AccountProjection;
import dev.fairbill.billing.query.AccountTiers;
import dev.fairbill.billing.query.AccountView;
import dev.fairbill.platform.audit.AuditController;
import dev.fairbill.platform.audit.AuditTrail;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.platform.web.UnprocessableException;
import dev.fairbill.platform.web.idempotency.IdempotentCreation;
import dev.fairbill.platform.web.page.Page;
import dev.fairbill.platform.web.page.PageRequest;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1/accounts")
@EnableConfigurationProperties(SubResellerPolicy.class)
public class AccountController {

    private final CommandGateway commands;
    private final AccountProjection accounts;
    private final AccountCashBalances cashBalances;
    private final AccountTiers tiers;
    private final SubResellerPolicy subResellers;
    private final PaymentMethods paymentMethods;
    private final AuditTrail trail;
    private final TestClocks testClocks;
    private final TransactionTemplate transaction;

    public AccountController(CommandGateway commands, AccountProjection accounts, AccountCashBalances cashBalances,
                             AccountTiers tiers, SubResellerPolicy subResellers, PaymentMethods paymentMethods,
                             AuditTrail trail, TestClocks testClocks, TransactionTemplate transaction) {
        this.testClocks = testClocks;
        this.transaction = transaction;
        this.commands = commands;
        this.accounts = accounts;
        this.cashBalances = cashBalances;
        this.tiers = tiers;
        this.subResellers = subResellers;
        this.paymentMethods = paymentMethods;
        this.trail = trail;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<AccountResponse> open(@Valid @RequestBody OpenAccountRequest request) {
        String tenant = Caller.current().tenant();
        AccountId id = AccountId.of(IdempotentCreation.id(IdPrefix.ACCOUNT));
        if (accounts.find(tenant, id.value()).isEmpty()) {
            open(tenant, id, request);
        }
        AccountView created = accounts.find(tenant, id.value()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + id.value())).body(AccountResponse.of(created,
                List.of()));
    }

    private void open(String tenant, AccountId id, OpenAccountRequest request) {
        paymentMethods.requireKnown(tenant, request.defaultPaymentMethod());
        AccountId parent = request.parentAccountId() == null ? null : validParent(tenant, request.parentAccountId());
        if (request.role() == AccountRole.SUB_RESELLER && parent != null && subResellers.isTierGated(tenant)
                && !tiers.allowsSubResellers(parent.value())) {
            throw new UnprocessableException("tier-required", "Tier required", "Reseller " + parent
                    + " has not reached a tier that allows sub-resellers; its tier grows with the credits it buys.");
        }
        if (request.testClock() == null) {
            commands.sendAndWait(new OpenAccount(id, tenant, request.externalRef(), request.role(), parent,
                    request.email(), request.defaultPaymentMethod()));
            return;
        }
        TestClockController.requireTestMode();
        // the clock's row stays locked until the account is on it, so it cannot advance in between
        transaction.executeWithoutResult(status -> {
            Instant clockTime = testClocks.lockForAttach(tenant, request.testClock());
            TestTime.at(id.value(), clockTime, () -> commands.sendAndWait(new OpenAccount(id, tenant,
                    request.externalRef(), request.role(), parent, request.email(), request.defaultPaymentMethod(),
                    request.testClock())));
        });
    }

    @GetMapping("/{accountId}")
    public AccountResponse get(@PathVariable String accountId) {
        return accounts.find(Caller.current().tenant(), accountId)
                .map(view -> AccountResponse.of(view, cashBalances.all(view.id())))
                .orElseThrow(() -> new NotFoundException("Account " + accountId));
    }

    /**
     * What happened to the account's money and standing, oldest first and paged: holds, termination, refunds,
     * disputes and double payouts.
     */
    @GetMapping("/{accountId}/timeline")
    public Page<AuditController.AuditEntryResponse> timeline(@PathVariable String accountId, PageRequest page) {
        String tenant = Caller.current().tenant();
        accounts.find(tenant, accountId).orElseThrow(() -> new NotFoundException("Account " + accountId));
        return AuditController.page(trail, tenant, accountId, page);
    }

    /**
     * The parent must be an account of the same tenant that can have accounts below it (final-sale-reseller hierarchy).
     */
    private AccountId validParent(String tenant, String parentAccountId) {
        AccountView parent = accounts.find(tenant, parentAccountId)
                .orElseThrow(() -> new AccountRuleViolation("Parent account " + parentAccountId + " not found."));
        AccountProjection.requireActive(parent, "open accounts below it");
        if (!parent.role().canParent()) {
            throw new AccountRuleViolation("Parent account " + parentAccountId + " is a " + parent.role()
                    + " and cannot have accounts below it.");
        }
        return AccountId.of(parent.id());
    }
}

package dev.fairbill.billing.account;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fairbill.billing.ids.AccountId;

/** The account hierarchy of final-sale-reseller: platform → reseller → sub-reseller → end customer. */
class AccountTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private final AccountId id = AccountId.of("acct_0000000000000000000000000A");
    private final AccountId reseller = AccountId.of("acct_0000000000000000000000000R");
    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Account.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void customerOpensWithTheClocksTime() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(id, "panel", "ext-1", AccountRole.CUSTOMER, null, "a@b.c", "pm_card_ok"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountOpened(id, "panel", "ext-1", AccountRole.CUSTOMER, null, "a@b.c",
                        "pm_card_ok", NOW));
    }

    @Test
    void subResellerOpensUnderItsReseller() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(id, "panel", "ext-2", AccountRole.SUB_RESELLER, reseller, null, null))
                .expectEvents(new AccountOpened(id, "panel", "ext-2", AccountRole.SUB_RESELLER, reseller, null,
                        null, NOW));
    }

    @Test
    void subResellerWithoutParentIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(id, "panel", "ext-3", AccountRole.SUB_RESELLER, null, null, null))
                .expectException(AccountRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void resellerWithParentIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(id, "panel", "ext-4", AccountRole.RESELLER, reseller, null, null))
                .expectException(AccountRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void accountCannotBeItsOwnParent() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(id, "panel", "ext-5", AccountRole.CUSTOMER, id, null, null))
                .expectException(AccountRuleViolation.class)
                .expectNoEvents();
    }
}

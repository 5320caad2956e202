package dev.fairbill.billing.account;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fairbill.billing.account.AccountSuspensions.AccountSuspensionLifted;
import dev.fairbill.billing.account.AccountSuspensions.AccountSuspensionPlaced;
import dev.fairbill.billing.account.AccountSuspensions.AccountTerminated;
import dev.fairbill.billing.account.AccountSuspensions.LiftAccountSuspension;
import dev.fairbill.billing.account.AccountSuspensions.PlaceAccountSuspension;
import dev.fairbill.billing.account.AccountSuspensions.TerminateAccount;
import dev.fairbill.billing.ids.AccountId;

/**
 * Suspension by holds (final-sale-reseller §9, final-sale-duplicates-refunded §7): SUSPENDED while any hold exists,
 * ACTIVE again
 * only when every hold is lifted; a lost dispute terminates.
 */
class AccountSuspensionsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private final AccountId id = AccountId.of("acct_0000000000000000000000000A");
    private final AccountOpened opened = new AccountOpened(id, "panel", "ext-1", AccountRole.RESELLER, null, null,
            null, Instant.parse("2026-11-01T00:00:00Z"));
    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Account.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void firstHoldSuspendsTheAccount() { // final-sale-reseller §9: a dispute suspends the account while it is reviewed
        fixture.given(opened)
                .when(new PlaceAccountSuspension(id, SuspensionReason.DISPUTE, "dp_1"))
                .expectEvents(new AccountSuspensionPlaced(id, "panel", SuspensionReason.DISPUTE, "dp_1", true, NOW));
    }

    @Test
    void secondHoldKeepsItSuspendedWithoutSuspendingAgain() {
        fixture.given(opened, placed("dp_1", true))
                .when(new PlaceAccountSuspension(id, SuspensionReason.OPERATOR, "ticket-7"))
                .expectEvents(new AccountSuspensionPlaced(id, "panel", SuspensionReason.OPERATOR, "ticket-7", false, NOW));
    }

    @Test
    void sameReasonAndReferenceTwiceIsOneHold() {
        fixture.given(opened, placed("dp_1", true))
                .when(new PlaceAccountSuspension(id, SuspensionReason.DISPUTE, "dp_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void liftingOneOfTwoHoldsKeepsTheAccountSuspended() { // reinstated only when every hold is lifted
        fixture.given(opened, placed("dp_1", true), placed("dp_2", false))
                .when(new LiftAccountSuspension(id, SuspensionReason.DISPUTE, "dp_1"))
                .expectEvents(new AccountSuspensionLifted(id, "panel", SuspensionReason.DISPUTE, "dp_1", false, NOW));
    }

    @Test
    void liftingTheLastHoldReinstatesTheAccount() {
        fixture.given(opened, placed("dp_1", true), placed("dp_2", false),
                        new AccountSuspensionLifted(id, "panel", SuspensionReason.DISPUTE, "dp_1", false, NOW))
                .when(new LiftAccountSuspension(id, SuspensionReason.DISPUTE, "dp_2"))
                .expectEvents(new AccountSuspensionLifted(id, "panel", SuspensionReason.DISPUTE, "dp_2", true, NOW));
    }

    @Test
    void liftingAHoldThatIsNotThereChangesNothing() {
        fixture.given(opened, placed("dp_1", true))
                .when(new LiftAccountSuspension(id, SuspensionReason.DISPUTE, "dp_other"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void lostDisputeTerminatesTheAccount() { // a lost dispute terminates
        fixture.given(opened, placed("dp_1", true))
                .when(new TerminateAccount(id, SuspensionReason.DISPUTE, "dp_1"))
                .expectEvents(new AccountTerminated(id, "panel", SuspensionReason.DISPUTE, "dp_1", NOW));
    }

    @Test
    void terminatingATerminatedAccountChangesNothing() {
        fixture.given(opened, new AccountTerminated(id, "panel", SuspensionReason.DISPUTE, "dp_1", NOW))
                .when(new TerminateAccount(id, SuspensionReason.DISPUTE, "dp_2"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void terminatedAccountTakesNoHolds() {
        fixture.given(opened, new AccountTerminated(id, "panel", SuspensionReason.DISPUTE, "dp_1", NOW))
                .when(new PlaceAccountSuspension(id, SuspensionReason.OPERATOR, "ticket-7"))
                .expectException(AccountIsTerminated.class)
                .expectNoEvents();
    }

    @Test
    void terminatedAccountTakesNoLifts() {
        fixture.given(opened, placed("dp_1", true), new AccountTerminated(id, "panel", SuspensionReason.DISPUTE, "dp_1", NOW))
                .when(new LiftAccountSuspension(id, SuspensionReason.DISPUTE, "dp_1"))
                .expectException(AccountIsTerminated.class)
                .expectNoEvents();
    }

    private AccountSuspensionPlaced placed(String reference, boolean suspended) {
        return new AccountSuspensionPlaced(id, "panel", SuspensionReason.DISPUTE, reference, suspended, NOW);
    }
}

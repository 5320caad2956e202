package dev.fairbill.billing.account;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fairbill.billing.account.AccountHolds.AccountHoldLifted;
import dev.fairbill.billing.account.AccountHolds.AccountHoldPlaced;
import dev.fairbill.billing.account.AccountHolds.AccountTerminated;
import dev.fairbill.billing.account.AccountHolds.LiftAccountHold;
import dev.fairbill.billing.account.AccountHolds.PlaceAccountHold;
import dev.fairbill.billing.account.AccountHolds.TerminateAccount;
import dev.fairbill.billing.ids.AccountId;

/**
 * Suspension by holds (seed 000 §9, seed 001 §7): SUSPENDED while any hold exists, ACTIVE again
 * only when every hold is lifted; a lost dispute terminates.
 */
class AccountHoldsTest {

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
    void firstHoldSuspendsTheAccount() { // seed 000 §9: a dispute suspends the account while it is reviewed
        fixture.given(opened)
                .when(new PlaceAccountHold(id, HoldReason.DISPUTE, "dp_1"))
                .expectEvents(new AccountHoldPlaced(id, "panel", HoldReason.DISPUTE, "dp_1", true, NOW));
    }

    @Test
    void secondHoldKeepsItSuspendedWithoutSuspendingAgain() {
        fixture.given(opened, placed("dp_1", true))
                .when(new PlaceAccountHold(id, HoldReason.OPERATOR, "ticket-7"))
                .expectEvents(new AccountHoldPlaced(id, "panel", HoldReason.OPERATOR, "ticket-7", false, NOW));
    }

    @Test
    void sameReasonAndReferenceTwiceIsOneHold() {
        fixture.given(opened, placed("dp_1", true))
                .when(new PlaceAccountHold(id, HoldReason.DISPUTE, "dp_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void liftingOneOfTwoHoldsKeepsTheAccountSuspended() { // reinstated only when every hold is lifted
        fixture.given(opened, placed("dp_1", true), placed("dp_2", false))
                .when(new LiftAccountHold(id, HoldReason.DISPUTE, "dp_1"))
                .expectEvents(new AccountHoldLifted(id, "panel", HoldReason.DISPUTE, "dp_1", false, NOW));
    }

    @Test
    void liftingTheLastHoldReinstatesTheAccount() {
        fixture.given(opened, placed("dp_1", true), placed("dp_2", false),
                        new AccountHoldLifted(id, "panel", HoldReason.DISPUTE, "dp_1", false, NOW))
                .when(new LiftAccountHold(id, HoldReason.DISPUTE, "dp_2"))
                .expectEvents(new AccountHoldLifted(id, "panel", HoldReason.DISPUTE, "dp_2", true, NOW));
    }

    @Test
    void liftingAHoldThatIsNotThereChangesNothing() {
        fixture.given(opened, placed("dp_1", true))
                .when(new LiftAccountHold(id, HoldReason.DISPUTE, "dp_other"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void lostDisputeTerminatesTheAccount() { // a lost dispute terminates
        fixture.given(opened, placed("dp_1", true))
                .when(new TerminateAccount(id, HoldReason.DISPUTE, "dp_1"))
                .expectEvents(new AccountTerminated(id, "panel", HoldReason.DISPUTE, "dp_1", NOW));
    }

    @Test
    void terminatingATerminatedAccountChangesNothing() {
        fixture.given(opened, new AccountTerminated(id, "panel", HoldReason.DISPUTE, "dp_1", NOW))
                .when(new TerminateAccount(id, HoldReason.DISPUTE, "dp_2"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void terminatedAccountTakesNoHolds() {
        fixture.given(opened, new AccountTerminated(id, "panel", HoldReason.DISPUTE, "dp_1", NOW))
                .when(new PlaceAccountHold(id, HoldReason.OPERATOR, "ticket-7"))
                .expectException(AccountIsTerminated.class)
                .expectNoEvents();
    }

    @Test
    void terminatedAccountTakesNoLifts() {
        fixture.given(opened, placed("dp_1", true), new AccountTerminated(id, "panel", HoldReason.DISPUTE, "dp_1", NOW))
                .when(new LiftAccountHold(id, HoldReason.DISPUTE, "dp_1"))
                .expectException(AccountIsTerminated.class)
                .expectNoEvents();
    }

    private AccountHoldPlaced placed(String reference, boolean suspended) {
        return new AccountHoldPlaced(id, "panel", HoldReason.DISPUTE, reference, suspended, NOW);
    }
}

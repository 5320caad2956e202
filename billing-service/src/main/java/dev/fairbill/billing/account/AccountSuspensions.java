package dev.fairbill.billing.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.platform.axon.naming.StoredAs;

/**
 * Suspension by holds (final-sale-reseller §9, final-sale-duplicates-refunded §7): an account is SUSPENDED while any
 * hold exists and ACTIVE again only
 * when every hold is lifted; a lost dispute terminates it. Commands and events shared by the Account aggregate and
 * the processes that react to suspension (subscriptions, the ledger via integration messages).
 */
public final class AccountSuspensions {

    /** Places a hold; placing the same (reason, reference) twice changes nothing. */
    public record PlaceAccountSuspension(@TargetAggregateIdentifier AccountId accountId, SuspensionReason reason,
                                   String reference) {
    }

    /** Lifts a hold; lifting one that is not there changes nothing. */
    public record LiftAccountSuspension(@TargetAggregateIdentifier AccountId accountId, SuspensionReason reason,
                                  String reference) {
    }

    public record TerminateAccount(@TargetAggregateIdentifier AccountId accountId, SuspensionReason reason,
                                   String reference) {
    }

    /** @param suspended this was the first hold: the account went from ACTIVE to SUSPENDED */
    @StoredAs("billing.AccountHoldPlaced")
    @Revision("1")
    public record AccountSuspensionPlaced(AccountId accountId, String tenant, SuspensionReason reason, String reference,
                                    boolean suspended, Instant placedAt) {
    }

    /** @param reinstated this was the last hold: the account is ACTIVE again */
    @StoredAs("billing.AccountHoldLifted")
    @Revision("1")
    public record AccountSuspensionLifted(AccountId accountId, String tenant, SuspensionReason reason, String reference,
                                    boolean reinstated, Instant liftedAt) {
    }

    @StoredAs("billing.AccountTerminated")
    @Revision("1")
    public record AccountTerminated(AccountId accountId, String tenant, SuspensionReason reason, String reference,
                                    Instant terminatedAt) {
    }

    private AccountSuspensions() {
    }
}

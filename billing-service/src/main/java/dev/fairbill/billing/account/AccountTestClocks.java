package dev.fairbill.billing.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.platform.axon.naming.StoredAs;

/** The commands and events of an account on a test clock. */
public final class AccountTestClocks {

    /** Billing has fired the account's deadlines up to {@code to} of its test clock. */
    public record RecordTestClockAdvance(@TargetAggregateIdentifier AccountId accountId, String testClock,
                                         Instant to) {
    }

    /** The account's test clock shows {@code to} in billing; the other services follow it. */
    @StoredAs("billing.AccountTestClockAdvanced")
    @Revision("1")
    public record AccountTestClockAdvanced(AccountId accountId, String tenant, String testClock, Instant to) {
    }

    private AccountTestClocks() {
    }
}

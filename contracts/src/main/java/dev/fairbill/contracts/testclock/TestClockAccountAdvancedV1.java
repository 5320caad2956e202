package dev.fairbill.contracts.testclock;

import java.time.Instant;

/**
 * A service has fired an account's deadlines up to {@code advancedTo} of its test clock. The ledger publishes it on
 * {@link dev.fairbill.contracts.Topics#LEDGER_EVENTS}, the refund service on
 * {@link dev.fairbill.contracts.Topics#REFUND_EVENTS}, with CloudEvents type {@value #TYPE} and subject = account id;
 * billing marks the clock ready once every service has reported every account of the clock.
 *
 * @param service {@code ledger} or {@code refund}
 */
public record TestClockAccountAdvancedV1(String accountId, String tenant, String testClock, String service,
                                         Instant advancedTo) {

    public static final String TYPE = "fairbill.test-clock.account-advanced.v1";
}

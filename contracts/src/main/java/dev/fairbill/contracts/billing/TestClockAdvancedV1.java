package dev.fairbill.contracts.billing;

import java.time.Instant;

/**
 * An account's test clock was advanced to {@code to}: every service fires the account's deadlines up to that time, in
 * time order, and then reports {@link dev.fairbill.contracts.testclock.TestClockAccountAdvancedV1}. Published on
 * {@link dev.fairbill.contracts.Topics#BILLING_EVENTS} after every billing event of the account up to that time,
 * with CloudEvents type {@value #TYPE} and subject = account id.
 */
public record TestClockAdvancedV1(String accountId, String tenant, String testClock, Instant to) {

    public static final String TYPE = "fairbill.billing.test-clock-advanced.v1";
}

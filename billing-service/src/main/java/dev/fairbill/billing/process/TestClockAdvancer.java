package dev.fairbill.billing.process;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.account.AccountTestClocks.RecordTestClockAdvance;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.query.SubscriptionProjection;
import dev.fairbill.billing.query.TestClocks;
import dev.fairbill.billing.query.TestClocks.Advance;
import dev.fairbill.platform.testclock.TestClockAccounts;
import dev.fairbill.platform.testclock.TestClockDeadlines;

/**
 * Carries out the advances of test clocks. For one advance it fires billing's deadlines of the clock's accounts
 * (renewals, trial ends, dunning retries) in time order, waiting after each until the charges it asked for are
 * answered, so a retry is scheduled before the next deadline is looked at; then it tells the ledger and the refund
 * service, per account, to follow. One replica works on an advance at a time (a claim with a lease); a replica that
 * stops mid-way leaves the rest to the next claimer, and nothing fires twice.
 */
@Component
public class TestClockAdvancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TestClockAdvancer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration LEASE = Duration.ofMinutes(5);
    /** How long one deadline's charge may take to be answered before the advance is given up as failed. */
    private static final Duration CHARGE_ANSWER = Duration.ofMinutes(2);
    /** How long the ledger and the refund service have to report an advance once billing's part has ended. */
    static final Duration REPORTS = Duration.ofMinutes(10);

    private final TestClocks clocks;
    private final TestClockAccounts accounts;
    private final TestClockDeadlines deadlines;
    private final SubscriptionProjection subscriptions;
    private final CommandGateway commands;
    private final Clock wallClock;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile Thread worker;

    public TestClockAdvancer(TestClocks clocks, TestClockAccounts accounts, TestClockDeadlines deadlines,
                             SubscriptionProjection subscriptions, CommandGateway commands, Clock wallClock) {
        this.clocks = clocks;
        this.accounts = accounts;
        this.deadlines = deadlines;
        this.subscriptions = subscriptions;
        this.commands = commands;
        this.wallClock = wallClock;
    }

    /** Looks for advances to work on now. */
    public void wake() {
        wake.release();
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().daemon().name("test-clocks").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        wake.release();
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                Instant now = wallClock.instant();
                clocks.failUnreported(now, REPORTS);
                Optional<Advance> claimed = clocks.claimNext(now, now.plus(LEASE));
                if (claimed.isPresent()) {
                    advance(claimed.get());
                } else {
                    wake.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("test clocks: looking for advances failed, trying again shortly: {}", e.toString());
                sleep(POLL);
            }
        }
    }

    void advance(Advance advance) {
        List<String> onClock = accounts.accountsOn(advance.clockId());
        try {
            int fired = deadlines.advance(onClock, advance.to(), () -> awaitChargeAnswers(onClock));
            for (String account : onClock) {
                commands.sendAndWait(new RecordTestClockAdvance(AccountId.of(account), advance.clockId(),
                        advance.to()));
            }
            clocks.billingDone(advance, wallClock.instant());
            log.info("test clock {} advanced to {} in billing: {} deadlines fired for {} accounts",
                    advance.clockId(), advance.to(), fired, onClock.size());
        } catch (RuntimeException e) {
            if (!running) {
                return;
            }
            log.warn("test clock {}: advancing to {} failed: {}", advance.clockId(), advance.to(), e.toString());
            clocks.failed(advance, "Advancing failed: " + e.getMessage());
        }
    }

    private void awaitChargeAnswers(List<String> onClock) {
        Instant giveUp = wallClock.instant().plus(CHARGE_ANSWER);
        while (subscriptions.awaitingCharges(onClock) > 0) {
            if (wallClock.instant().isAfter(giveUp)) {
                throw new IllegalStateException("a charge of a subscription on the clock was not answered within "
                        + CHARGE_ANSWER.toSeconds() + " s");
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

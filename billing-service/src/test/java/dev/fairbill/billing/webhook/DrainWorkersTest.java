package dev.fairbill.billing.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class DrainWorkersTest {

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final AtomicInteger drains = new AtomicInteger();
    private final Semaphore mayFinish = new Semaphore(0);

    private void blockingDrain() {
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        drains.incrementAndGet();
        try {
            mayFinish.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
        }
    }

    @Test
    void workThatArrivesWhileEarlierWorkIsDrainedIsDrainedBesideItOnUpToTheGivenThreads() {
        try (var workers = new DrainWorkers("test", 3, this::blockingDrain)) {
            for (int i = 0; i < 10; i++) {
                workers.nudge();
                awaitRunning(Math.min(i + 1, 3));
            }
            assertThat(running.get()).isEqualTo(3);
            mayFinish.release(100);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 0);
        }
        assertThat(mostRunning.get()).isEqualTo(3);
    }

    @Test
    void aNudgeWhileEveryThreadIsBusyIsNotLost() throws InterruptedException {
        try (var workers = new DrainWorkers("test", 1, this::blockingDrain)) {
            workers.nudge();
            awaitRunning(1);
            workers.nudge();
            workers.nudge();
            mayFinish.release();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> drains.get() == 2);
            mayFinish.release();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 0);
            TimeUnit.MILLISECONDS.sleep(100);
            assertThat(drains.get()).as("two nudges during one drain ask for one more drain, not two").isEqualTo(2);
        }
    }

    @Test
    void manyNudgesFromManyThreadsAlwaysEndInADrainAfterTheLastOne() throws InterruptedException {
        AtomicInteger seen = new AtomicInteger();
        AtomicInteger work = new AtomicInteger();
        try (var workers = new DrainWorkers("test", 4, () -> seen.accumulateAndGet(work.get(), Math::max))) {
            CountDownLatch done = new CountDownLatch(8);
            for (int t = 0; t < 8; t++) {
                Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        work.incrementAndGet();
                        workers.nudge();
                    }
                    done.countDown();
                });
            }
            done.await();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> seen.get() == 80_000);
        }
    }

    @Test
    void needsAThread() {
        assertThatThrownBy(() -> new DrainWorkers("webhook-processing", 0, () -> { }))
                .hasMessageContaining("webhook-processing needs at least one thread");
    }

    private void awaitRunning(int expected) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == expected);
    }
}

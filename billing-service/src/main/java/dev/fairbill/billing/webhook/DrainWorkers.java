package dev.fairbill.billing.webhook;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a drain (a task that works until nothing is left to do) on up to a fixed number of threads whenever it is
 * nudged. A nudge while every thread is busy is never lost: a thread that finishes its drain looks for it and drains
 * again. A nudge while some threads are draining starts another one beside them, so work that arrives while earlier
 * work is being done is taken in parallel; the drain must tolerate running on several threads at once.
 */
final class DrainWorkers implements AutoCloseable {

    private final Runnable drain;
    private final Semaphore threads;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final ExecutorService pool;

    DrainWorkers(String name, int threads, Runnable drain) {
        if (threads < 1) {
            throw new IllegalArgumentException(name + " needs at least one thread, not " + threads);
        }
        this.drain = drain;
        this.threads = new Semaphore(threads);
        this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name(name + "-", 1).daemon().factory());
    }

    /** Asks for a drain; returns at once. */
    void nudge() {
        requested.set(true);
        if (threads.tryAcquire()) {
            pool.execute(this::work);
        }
    }

    private void work() {
        do {
            try {
                while (requested.getAndSet(false)) {
                    drain.run();
                }
            } finally {
                threads.release();
            }
        } while (requested.get() && threads.tryAcquire());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

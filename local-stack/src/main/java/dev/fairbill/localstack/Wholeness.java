package dev.fairbill.localstack;

import java.util.ArrayList;
import java.util.List;

/**
 * Watches, twice a second, whether the whole stack runs and answers, and remembers when that changed, so that a
 * client's wait can be measured from the moment the suite was whole again.
 */
final class Wholeness implements AutoCloseable {

    private record Change(long nanos, boolean whole) {
    }

    private final LocalStack stack;
    private final List<Change> changes = new ArrayList<>();
    private final Thread watcher;
    private volatile boolean watching = true;

    private Wholeness(LocalStack stack) {
        this.stack = stack;
        record(stack.whole());
        watcher = Thread.ofPlatform().daemon().name("wholeness-watcher").start(this::watch);
    }

    static Wholeness watch(LocalStack stack) {
        return new Wholeness(stack);
    }

    private void watch() {
        while (watching) {
            record(stack.whole());
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(boolean whole) {
        if (changes.isEmpty() || changes.getLast().whole() != whole) {
            changes.add(new Change(System.nanoTime(), whole));
        }
    }

    /**
     * Since when the stack had been whole without a break at {@code nanos}; -1 if it was not whole then (as far as
     * the watcher saw).
     */
    synchronized long wholeSince(long nanos) {
        Change last = null;
        for (Change change : changes) {
            if (change.nanos() > nanos) {
                break;
            }
            last = change;
        }
        return last != null && last.whole() ? last.nanos() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        watching = false;
        watcher.interrupt();
        watcher.join();
    }
}

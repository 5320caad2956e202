package dev.fairbill.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Watches, twice a second, whether the whole stack runs and answers, and remembers when that changed, so that a
 * client's wait can be measured from the moment the suite was whole again.
 */
final class Wholeness implements AutoCloseable {

    private record Change(long nanos, boolean whole) {
    }

    private final BooleanSupplier whole;
    private final List<Change> changes = new ArrayList<>();
    private final Thread watcher;
    private volatile boolean watching = true;

    private Wholeness(BooleanSupplier whole) {
        this.whole = whole;
        record(whole.getAsBoolean());
        watcher = Thread.ofPlatform().daemon().name("wholeness-watcher").start(this::watch);
    }

    static Wholeness watch(LocalStack stack) {
        return new Wholeness(stack::whole);
    }

    /** Watches whether {@code whole} holds (several stacks whole at once, say). */
    static Wholeness watch(BooleanSupplier whole) {
        return new Wholeness(whole);
    }

    private void watch() {
        while (watching) {
            record(whole.getAsBoolean());
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

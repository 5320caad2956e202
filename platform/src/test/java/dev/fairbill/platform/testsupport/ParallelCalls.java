package dev.fairbill.platform.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Calls released at the same instant from their own threads, as the client services that call us make them. */
public final class ParallelCalls {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    /** Runs {@code call(0)} … {@code call(count - 1)} at once and returns their results in that order. */
    public static <T> List<T> run(int count, IntFunction<T> call) {
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.apply(index);
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a parallel call failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("parallel calls still running after " + DEADLINE, e);
        }
    }

    private ParallelCalls() {
    }
}

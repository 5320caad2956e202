package dev.fairbill.localstack;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The clients of the fault benchmark: a write that got no definitive answer (no answer, a 5xx, load shed, its
 * Idempotency-Key still in use by a request in flight) is sent again, with the same key and body, every half second
 * until it has one, as a client of a crashed service would. Each such write is logged, to check afterwards that it
 * got its answer soon after the suite was whole again.
 */
final class Retrier implements TrafficMix.Retries {

    /** How long a client keeps trying before it gives up on a write. */
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    private static final Duration PAUSE = Duration.ofMillis(500);

    /**
     * One write sent more than once.
     *
     * @param firstNanos    when it was first sent ({@link System#nanoTime()})
     * @param answeredNanos when the definitive answer came; -1 if none came before the client gave up
     * @param serverErrors  how many of its answers were 500s (not 502/503/504)
     * @param last          the last answer, in a line
     */
    record Retried(long firstNanos, long answeredNanos, int attempts, int serverErrors, String last) {

        boolean answered() {
            return answeredNanos >= 0;
        }
    }

    private final Queue<Retried> log = new ConcurrentLinkedQueue<>();
    private volatile String serverErrorSample = "";

    @Override
    public Answer settle(Answer first, Supplier<Answer> again) {
        if (definitive(first)) {
            return first;
        }
        long giveUpAt = first.startedNanos() + GIVE_UP_AFTER.toNanos();
        Answer answer = first;
        int attempts = 1;
        int serverErrors = countServerError(first);
        while (!definitive(answer) && System.nanoTime() < giveUpAt) {
            LocalStack.sleep(PAUSE);
            answer = again.get();
            attempts++;
            serverErrors += countServerError(answer);
        }
        log.add(new Retried(first.startedNanos(), definitive(answer) ? System.nanoTime() : -1, attempts,
                serverErrors, answer.summary()));
        return answer;
    }

    /** 1 for a 500, which it keeps as the sample; 0 otherwise. */
    private int countServerError(Answer answer) {
        if (answer.status() != 500) {
            return 0;
        }
        serverErrorSample = answer.summary();
        return 1;
    }

    /** A success, or a refusal that sending the same request again would not change. */
    static boolean definitive(Answer answer) {
        return switch (answer.status()) {
            case 0, 500, 502, 503, 504, 429 -> false;
            case 409 -> !answer.body().contains("idempotency-key-in-use");
            default -> true;
        };
    }

    /** One of the 500 answers, if there were any. */
    String serverErrorSample() {
        return serverErrorSample;
    }

    List<Retried> retried() {
        return List.copyOf(log);
    }
}

package dev.fairbill.refund.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A SagaProgress that remembers each call as one line, e.g. {@code ended refund-execution rc_1 COMPLETED}. */
final class RecordedProgress implements SagaProgress {

    final List<String> calls = new ArrayList<>();

    @Override
    public void waiting(String saga, String key, String step, Instant startedAt, Instant dueAt) {
        calls.add("waiting " + saga + " " + key + " " + step + " due " + dueAt);
    }

    @Override
    public void overdue(String saga, String key, Instant at) {
        calls.add("overdue " + saga + " " + key + " at " + at);
    }

    @Override
    public void ended(String saga, String key, String outcome, Instant endedAt) {
        calls.add("ended " + saga + " " + key + " " + outcome);
    }
}

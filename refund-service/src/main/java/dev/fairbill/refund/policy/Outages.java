package dev.fairbill.refund.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.fairbill.refund.policy.RefundFacts.IncidentFacts;

/**
 * The outages inside a window (the current period up to now): how many incidents had time in it, the longest
 * single incident's time in it, and the total time the service was down in it (overlapping incidents counted once).
 * An incident without an end is still going on: it lasts until the window's end.
 */
record Outages(int count, Duration longest, Duration total) {

    static Outages within(Instant from, Instant to, List<IncidentFacts> incidents) {
        List<Span> inside = new ArrayList<>();
        for (IncidentFacts incident : incidents) {
            Instant start = later(incident.startedAt(), from);
            Instant end = incident.endedAt() == null ? to : earlier(incident.endedAt(), to);
            if (start.isBefore(end)) {
                inside.add(new Span(start, end));
            }
        }
        Duration longest = inside.stream().map(Span::length).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        return new Outages(inside.size(), longest, merged(inside));
    }

    private static Duration merged(List<Span> spans) {
        spans.sort(Comparator.comparing(Span::start));
        Duration total = Duration.ZERO;
        Instant coveredUntil = Instant.MIN;
        for (Span span : spans) {
            Instant start = later(span.start(), coveredUntil);
            if (start.isBefore(span.end())) {
                total = total.plus(Duration.between(start, span.end()));
                coveredUntil = span.end();
            }
        }
        return total;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private record Span(Instant start, Instant end) {

        Duration length() {
            return Duration.between(start, end);
        }
    }
}

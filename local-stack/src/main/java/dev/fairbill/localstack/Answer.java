package dev.fairbill.localstack;

/**
 * What the gateway answered to one request of the load, and how the load benchmark counts it.
 *
 * @param status       the HTTP status; 0 when no answer came (timeout, I/O error)
 * @param body         the answer's body, or what went wrong when none came
 * @param retryAfter   whether the answer carried a {@code Retry-After} header
 * @param startedNanos when the request left, on {@link System#nanoTime()}'s clock
 * @param latencyNanos until the answer, or until the client gave up
 */
record Answer(Kind kind, int status, String body, boolean retryAfter, long startedNanos, long latencyNanos) {

    /** The classes of answers the report counts, in its column order. */
    enum Kind {
        SUCCESS("2xx"),
        /** A business rule refused the request: insufficient credits, a frozen ledger, a decided case, ... */
        REFUSED("refused"),
        /** 429 or 503: the system sheds load; allowed when the answer says when to retry. */
        SHED("shed"),
        UNEXPECTED_4XX("other 4xx"),
        SERVER_ERROR("5xx"),
        TIMEOUT("timeout"),
        IO_ERROR("I/O error");

        final String column;

        Kind(String column) {
            this.column = column;
        }

        static Kind of(int status) {
            return switch (status) {
                case 409, 422, 423 -> REFUSED;
                case 429, 503 -> SHED;
                default -> status >= 200 && status < 300 ? SUCCESS
                        : status >= 400 && status < 500 ? UNEXPECTED_4XX : SERVER_ERROR;
            };
        }
    }

    static Answer received(int status, String body, boolean retryAfter, long startedNanos) {
        return new Answer(Kind.of(status), status, body, retryAfter, startedNanos, System.nanoTime() - startedNanos);
    }

    static Answer none(Kind kind, String what, long startedNanos) {
        return new Answer(kind, 0, what, false, startedNanos, System.nanoTime() - startedNanos);
    }

    boolean succeeded() {
        return kind == Kind.SUCCESS;
    }

    /** What the target allows: a success, a business refusal, or load shed with a {@code Retry-After}. */
    boolean acceptable() {
        return kind == Kind.SUCCESS || kind == Kind.REFUSED || shedWithRetryAfter();
    }

    boolean shedWithRetryAfter() {
        return kind == Kind.SHED && retryAfter;
    }

    /** One line for a report: the status (or what happened instead) and the start of the body. */
    String summary() {
        String text = body.replaceAll("\\s+", " ");
        return (status == 0 ? kind.column : "HTTP " + status) + (retryAfter ? " (Retry-After)" : "") + " "
                + (text.length() <= 240 ? text : text.substring(0, 240) + " ...");
    }
}

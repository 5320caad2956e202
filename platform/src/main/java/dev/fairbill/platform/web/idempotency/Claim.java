package dev.fairbill.platform.web.idempotency;

/** What the store answers when a request arrives with an Idempotency-Key. */
sealed interface Claim {

    /** The key is this request's to execute. */
    record Claimed(Attempt attempt) implements Claim {
    }

    /** The same request completed before: answer with its response. */
    record Replay(StoredResponse response) implements Claim {
    }

    /** The key belongs to a different request. */
    record KeyReused() implements Claim {
    }

    /** The same request is still being executed. */
    record InProgress() implements Claim {
    }
}

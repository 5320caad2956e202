package dev.fairbill.platform.web.idempotency;

import java.util.UUID;

/** One execution of a request under a key; only the attempt that holds the row may complete or release it. */
record Attempt(String tenant, String key, UUID id) {
}

package dev.fairbill.platform.web.idempotency;

/** The first response to a key, replayed byte for byte. */
record StoredResponse(int status, String contentType, byte[] body) {
}

package dev.fairbill.billing.payment;

/**
 * A call the processor did not answer with a decision: unreachable, rate-limited past the retries, refusing the
 * credentials, or still processing. The call waits and is made again later under the same idempotency key, which the
 * processor answers with the first call's outcome. The message names the processor and the error's code only.
 */
public class ProcessorUnavailable extends RuntimeException {

    public ProcessorUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public ProcessorUnavailable(String message) {
        super(message);
    }
}

package dev.fairbill.platform.messaging;

/**
 * Thrown by an {@link InboundHandler} whose message names something this service does not know yet, because the
 * message that creates it travels on another topic and has not arrived (a request for a ledger whose opening fact is
 * still on its way). The message waits instead of being retried and dead-lettered, and applied once it can be.
 */
public class NotYetApplicableException extends RuntimeException {

    public NotYetApplicableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

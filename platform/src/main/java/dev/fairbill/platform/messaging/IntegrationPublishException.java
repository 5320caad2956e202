package dev.fairbill.platform.messaging;

/** A batch of integration messages was not acknowledged by the broker; the batch will be sent again. */
public class IntegrationPublishException extends RuntimeException {

    public IntegrationPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.fairbill.platform.messaging;

/** An inbound record that is not a valid CloudEvent; retrying cannot help, it goes straight to the dead-letter topic. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message);
    }
}

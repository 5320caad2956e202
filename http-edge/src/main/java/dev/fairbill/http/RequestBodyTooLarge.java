package dev.fairbill.http;

import java.io.IOException;

/** Reading a request body went past the limit; the request is answered 413 {@code payload-too-large}. */
public class RequestBodyTooLarge extends IOException {

    public RequestBodyTooLarge(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}

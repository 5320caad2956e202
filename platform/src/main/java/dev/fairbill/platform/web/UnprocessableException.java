package dev.fairbill.platform.web;

import org.springframework.http.HttpStatus;

/** 422: the request is well-formed and valid, but a business rule refuses it. */
public class UnprocessableException extends ProblemException {

    public UnprocessableException(String slug, String title, String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, slug, title, detail);
    }
}

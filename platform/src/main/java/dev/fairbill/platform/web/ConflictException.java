package dev.fairbill.platform.web;

import org.springframework.http.HttpStatus;

/** 409: the request clashes with the current state of the resource. */
public class ConflictException extends ProblemException {

    public ConflictException(String slug, String title, String detail) {
        super(HttpStatus.CONFLICT, slug, title, detail);
    }

    public ConflictException(String detail) {
        this("conflict", "Conflict", detail);
    }
}

package dev.fairbill.platform.web;

import org.springframework.http.HttpStatus;

/** 404 {@code not-found}; also the answer for another tenant's objects, which must not be revealed. */
public class NotFoundException extends ProblemException {

    /** @param what names the missing thing, e.g. {@code "Account acct_…"}; the detail reads "… not found". */
    public NotFoundException(String what) {
        super(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " not found");
    }
}

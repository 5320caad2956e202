package dev.fairbill.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/** 400 {@code validation-failed} with field errors, for checks that Bean Validation annotations cannot express. */
public class ValidationFailedException extends ProblemException {

    private final List<FieldViolation> errors;

    public ValidationFailedException(List<FieldViolation> errors) {
        super(HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed", Problems.describe(errors));
        this.errors = List.copyOf(errors);
    }

    public ValidationFailedException(String field, String message) {
        this(List.of(new FieldViolation(field, message)));
    }

    public List<FieldViolation> errors() {
        return errors;
    }
}

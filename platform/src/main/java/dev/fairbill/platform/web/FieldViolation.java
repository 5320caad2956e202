package dev.fairbill.platform.web;

/** One entry of a problem's {@code errors}: the offending field (a JSON path or parameter name) and why. */
public record FieldViolation(String field, String message) {
}

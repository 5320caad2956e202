package dev.fairbill.platform.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.core.MethodParameter;
import org.springframework.validation.Errors;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/** Turns Spring's validation results into the {@code errors} entries clients see. */
final class FieldViolations {

    static List<FieldViolation> of(Errors errors) {
        List<FieldViolation> violations = new ArrayList<>();
        errors.getFieldErrors().forEach(error -> violations.add(
                new FieldViolation(error.getField(), error.getDefaultMessage())));
        errors.getGlobalErrors().forEach(error -> violations.add(new FieldViolation(null, error.getDefaultMessage())));
        return violations;
    }

    static List<FieldViolation> of(HandlerMethodValidationException exception) {
        List<FieldViolation> violations = new ArrayList<>();
        for (ParameterValidationResult result : exception.getParameterValidationResults()) {
            if (result instanceof ParameterErrors bodyErrors) {
                violations.addAll(of(bodyErrors));
            } else {
                String parameter = parameterName(result.getMethodParameter());
                result.getResolvableErrors().forEach(error -> violations.add(
                        new FieldViolation(parameter, error.getDefaultMessage())));
            }
        }
        return violations;
    }

    /** What a value of {@code type} must look like, without naming Java types beyond the simple name. */
    static String expected(Class<?> type) {
        if (type != null && type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
            return "must be a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        return type == null ? "has an invalid value" : "is not a valid " + type.getSimpleName();
    }

    /** The name the client used: a {@code @RequestParam("after")} may differ from the Java parameter. */
    static String parameterName(MethodParameter parameter) {
        RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
        if (pathVariable != null && !pathVariable.name().isEmpty()) {
            return pathVariable.name();
        }
        return parameter.getParameterName();
    }

    private FieldViolations() {
    }
}

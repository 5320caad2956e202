package dev.fairbill.refund.policy;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * A clause's {@code when}: a CEL expression over {@link PolicyVariables}, compiled once when the policy is loaded.
 * Shown (and serialized) as its source text.
 */
public final class Condition {

    private final String expression;
    private final CelRuntime.Program program;

    Condition(String expression, CelRuntime.Program program) {
        this.expression = expression;
        this.program = program;
    }

    @JsonValue
    public String expression() {
        return expression;
    }

    boolean holds(Map<String, ?> variables) {
        try {
            return Boolean.TRUE.equals(program.eval(variables));
        } catch (CelEvaluationException e) {
            throw new IllegalStateException("cannot evaluate '" + expression + "': " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Condition condition && condition.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}

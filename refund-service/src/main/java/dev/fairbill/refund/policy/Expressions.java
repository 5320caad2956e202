package dev.fairbill.refund.policy;

import java.util.Map;
import java.util.Optional;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * Compiles {@code when} expressions (Google's CEL) against the variables of one policy ({@link PolicyVariables}):
 * type-checked to a bool, then evaluated once with nothing known (which reveals a constant) and once on an empty
 * situation (which reveals run-time errors such as a malformed {@code duration('…')}).
 */
final class Expressions {

    private static final CelOptions OPTIONS = CelOptions.current()
            .evaluateCanonicalTypesToNativeValues(true)
            .comprehensionMaxIterations(1_000)
            .maxExpressionCodePointSize(2_000)
            .build();

    private final Cel cel;
    private final Map<String, Object> sample;

    Expressions(PolicyParameters parameters) {
        CelBuilder builder = CelFactory.standardCelBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL);
        PolicyVariables.declarations(parameters).forEach(builder::addVar);
        this.cel = builder.build();
        this.sample = PolicyVariables.sample(parameters);
    }

    /** A compiled condition and, when it does not depend on the facts, its constant value. */
    record Compiled(Condition condition, Optional<Boolean> constant) {
    }

    /** @throws IllegalArgumentException naming what is wrong with the expression */
    Compiled compile(String expression) {
        CelValidationResult result = cel.compile(expression);
        if (result.hasError()) {
            throw new IllegalArgumentException(result.getErrorString());
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            CelRuntime.Program program = cel.createProgram(ast);
            Object withNothingKnown = program.eval(Map.of());
            program.eval(sample);
            Optional<Boolean> constant = withNothingKnown instanceof Boolean value ? Optional.of(value) : Optional.empty();
            return new Compiled(new Condition(expression, program), constant);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}

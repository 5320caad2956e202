package dev.fairbill.refund.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.refund.policy.Decision.Destination;
import dev.fairbill.refund.policy.Decision.Outcome;

/** Reads and checks one clause of a policy file; every problem names the file and the clause. */
final class ClauseReader {

    /** A clause as read, with its condition's constant value when it does not depend on the facts. */
    record ReadClause(Clause clause, Optional<Boolean> constant) {
    }

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private static final Set<String> KEYS = Set.of("id", "source", "reasons", "when", "outcome", "amount",
            "destination", "remedy", "calculation", "explanation");

    private final Expressions expressions;
    private final PolicyParameters parameters;

    ClauseReader(Expressions expressions, PolicyParameters parameters) {
        this.expressions = expressions;
        this.parameters = parameters;
    }

    ReadClause read(Object node, String file, int index) {
        YamlFields anonymous = YamlFields.of(node, file, "#" + (index + 1), "a clause");
        String id = anonymous.text("id");
        YamlFields fields = anonymous.inClause(id);
        if (!KEBAB_CASE.matcher(id).matches()) {
            throw fields.problem("the id must be kebab-case, e.g. outside-window");
        }
        fields.allowOnly(KEYS);
        Optional<Expressions.Compiled> when = fields.optionalText("when").map(text -> compile(fields, text));
        Outcome outcome = fields.constant(fields.text("outcome"), Outcome.class, "outcome");
        String source = fields.text("source");
        List<RefundReason> reasons = reasons(fields).orElse(null);
        Calculation amount = calculation(fields, "amount");
        Destination destination = fields.optionalEnum("destination", Destination.class, "destination").orElse(null);
        RemedyKind remedy = fields.optionalEnum("remedy", RemedyKind.class, "remedy").orElse(null);
        Calculation calculation = calculation(fields, "calculation");
        String explanation = fields.text("explanation");
        Clause clause = new Clause(id, source, reasons, when.map(Expressions.Compiled::condition).orElse(null),
                outcome, amount, destination, remedy, calculation, explanation);
        checkFieldsFitTheOutcome(fields, clause);
        checkPlaceholders(fields, clause);
        return new ReadClause(clause, when.flatMap(Expressions.Compiled::constant));
    }

    private Expressions.Compiled compile(YamlFields fields, String expression) {
        try {
            return expressions.compile(expression);
        } catch (IllegalArgumentException e) {
            throw fields.problem("bad expression '" + expression + "': " + e.getMessage(), e);
        }
    }

    private static Optional<List<RefundReason>> reasons(YamlFields fields) {
        return fields.list("reasons").map(names -> {
            List<RefundReason> reasons = new ArrayList<>();
            for (Object name : names) {
                reasons.add(fields.constant(String.valueOf(name), RefundReason.class, "reason"));
            }
            return reasons;
        });
    }

    private static Calculation calculation(YamlFields fields, String key) {
        return fields.optionalText(key).map(id -> Calculation.byId(id).orElseThrow(() -> fields.problem(
                "unknown calculation '" + id + "' (known: " + Arrays.stream(Calculation.values())
                        .map(Calculation::id).collect(Collectors.joining(", ")) + ")"))).orElse(null);
    }

    private static void checkFieldsFitTheOutcome(YamlFields fields, Clause clause) {
        switch (clause.outcome()) {
            case APPROVED -> {
                require(fields, clause.amount() != null, "an APPROVED clause needs an amount (a calculation)");
                require(fields, clause.destination() != null, "an APPROVED clause needs a destination");
                require(fields, clause.amount().unit() == Calculation.Unit.MONEY,
                        "amount '" + clause.amount().id() + "' is a count, not money");
                forbid(fields, clause.outcome(), "remedy", "calculation");
            }
            case REMEDY -> {
                require(fields, clause.remedy() != null, "a REMEDY clause needs a remedy kind");
                forbid(fields, clause.outcome(), "amount", "destination");
            }
            case NEEDS_REVIEW -> forbid(fields, clause.outcome(), "amount", "remedy", "calculation");
            case DENIED -> forbid(fields, clause.outcome(), "amount", "destination", "remedy", "calculation");
        }
    }

    private void checkPlaceholders(YamlFields fields, Clause clause) {
        Set<String> unknown = new TreeSet<>(Explanations.placeholders(clause.explanation()));
        unknown.removeAll(Explanations.allowed(clause, parameters));
        if (!unknown.isEmpty()) {
            throw fields.problem("the explanation uses " + unknown + ", which this clause cannot fill in (it may use "
                    + Explanations.allowed(clause, parameters) + ")");
        }
    }

    private static void require(YamlFields fields, boolean condition, String problem) {
        if (!condition) {
            throw fields.problem(problem);
        }
    }

    private static void forbid(YamlFields fields, Outcome outcome, String... keys) {
        for (String key : keys) {
            require(fields, !fields.has(key), "a " + outcome + " clause has no " + key);
        }
    }
}

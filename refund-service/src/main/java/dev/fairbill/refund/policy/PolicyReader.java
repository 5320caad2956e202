package dev.fairbill.refund.policy;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import dev.fairbill.refund.policy.ClauseReader.ReadClause;

/**
 * Reads policy documents from the classpath and checks everything that can be checked before a request arrives, so
 * that a bad document stops the service at startup ({@link InvalidPolicyException}): the fields, reasons, outcomes,
 * remedies, calculations, parameters, expressions (compiled once, here), explanations, and that every clause can
 * match and every reason gets a decision.
 */
final class PolicyReader {

    static final String COMMON_RULES = "policies/common/across-all-templates.yaml";

    private static final Set<String> DOCUMENT_KEYS = Set.of("id", "version", "seed", "name", "description",
            "parameters", "clauses", "approvedRefundCancelsSubscription");
    private static final Set<String> COMMON_KEYS = Set.of("id", "version", "name", "description", "clauses");
    private static final Pattern SEED = Pattern.compile("\\d{3}");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

    private final List<ReadClause> commonRules;

    PolicyReader() {
        YamlFields fields = YamlFields.of(parse(COMMON_RULES), COMMON_RULES, null, "the document");
        fields.allowOnly(COMMON_KEYS);
        fields.text("id");
        fields.positiveInt("version");
        fields.text("name");
        fields.text("description");
        PolicyParameters none = new PolicyParameters(Map.of());
        this.commonRules = clauses(fields, new ClauseReader(new Expressions(none), none));
    }

    PolicyDocument read(String location) {
        YamlFields fields = YamlFields.of(parse(location), location, null, "the document");
        fields.allowOnly(DOCUMENT_KEYS);
        String id = fields.text("id");
        if (!location.endsWith("/" + id + ".yaml")) {
            throw fields.problem("id '" + id + "' must match the file name (" + id + ".yaml)");
        }
        if (!(fields.raw("seed") instanceof String seed) || !SEED.matcher(seed).matches()) {
            throw fields.problem("seed must be the seed's three-digit number in quotes, e.g. \"002\"");
        }
        PolicyParameters parameters = parameters(fields);
        List<ReadClause> clauses = new ArrayList<>(commonRules);
        clauses.addAll(clauses(fields, new ClauseReader(new Expressions(parameters), parameters)));
        checkIdsAreUnique(fields, clauses);
        ClauseReachability.check(location, clauses);
        return new PolicyDocument(id, fields.positiveInt("version"), seed, fields.text("name"),
                fields.text("description"), parameters, clauses.stream().map(ReadClause::clause).toList(),
                cancelsSubscription(fields));
    }

    private static boolean cancelsSubscription(YamlFields fields) {
        Object flag = fields.raw("approvedRefundCancelsSubscription");
        if (flag != null && !(flag instanceof Boolean)) {
            throw fields.problem("approvedRefundCancelsSubscription must be true or false");
        }
        return Boolean.TRUE.equals(flag);
    }

    private static List<ReadClause> clauses(YamlFields fields, ClauseReader reader) {
        List<?> nodes = fields.list("clauses").filter(list -> !list.isEmpty())
                .orElseThrow(() -> fields.problem("a policy needs clauses"));
        List<ReadClause> clauses = new ArrayList<>();
        for (int index = 0; index < nodes.size(); index++) {
            clauses.add(reader.read(nodes.get(index), fields.file(), index));
        }
        return clauses;
    }

    private static PolicyParameters parameters(YamlFields document) {
        Object node = document.raw("parameters");
        YamlFields fields = YamlFields.of(node, document.file(), null, "parameters");
        Map<String, Object> values = new LinkedHashMap<>();
        ((Map<?, ?>) node).forEach((key, value) -> {
            String name = parameterName(fields, String.valueOf(key));
            values.put(name, parameter(fields, name, value));
        });
        if (!(values.get(PolicyParameters.REVIEW_SLA_BUSINESS_DAYS) instanceof Long days) || days <= 0) {
            throw fields.problem("parameter " + PolicyParameters.REVIEW_SLA_BUSINESS_DAYS
                    + " must be a positive number of business days");
        }
        if (!(values.get(PolicyParameters.HOLIDAYS) instanceof List<?>)) {
            throw fields.problem("parameter " + PolicyParameters.HOLIDAYS + " must be a list of dates (may be [])");
        }
        return new PolicyParameters(values);
    }

    /** camelCase (it is {@code params.<name>} in expressions), and not a name an explanation already uses. */
    private static String parameterName(YamlFields fields, String name) {
        Set<String> reserved = new TreeSet<>(Set.of(Explanations.AMOUNT, Explanations.CREDITS, Explanations.REASON));
        for (Calculation calculation : Calculation.values()) {
            reserved.addAll(calculation.details());
        }
        if (!PARAMETER_NAME.matcher(name).matches() || reserved.contains(name)) {
            throw fields.problem("parameter name '" + name + "' must be camelCase and not one of " + reserved);
        }
        return name;
    }

    private static Object parameter(YamlFields fields, String name, Object value) {
        return switch (value) {
            case Integer number -> Long.valueOf(number);
            case Long number -> number;
            case Boolean flag -> flag;
            case String text -> duration(fields, name, text);
            case List<?> dates -> dates.stream().map(date -> date(fields, name, date)).toList();
            case null, default -> throw fields.problem("parameter " + name + " must be a duration (P7D), a number, "
                    + "true/false or a list of dates, not " + value);
        };
    }

    private static Duration duration(YamlFields fields, String name, String text) {
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw fields.problem("parameter " + name + " must not be negative");
            }
            return duration;
        } catch (DateTimeException e) {
            throw fields.problem("parameter " + name + ": '" + text + "' is not an ISO-8601 duration such as P7D or "
                    + "PT24H", e);
        }
    }

    private static LocalDate date(YamlFields fields, String name, Object value) {
        try {
            return LocalDate.parse(String.valueOf(value));
        } catch (DateTimeException e) {
            throw fields.problem("parameter " + name + ": '" + value + "' is not a date (yyyy-mm-dd)", e);
        }
    }

    private static void checkIdsAreUnique(YamlFields fields, List<ReadClause> clauses) {
        Set<String> seen = new HashSet<>();
        for (ReadClause read : clauses) {
            if (!seen.add(read.clause().id())) {
                throw fields.inClause(read.clause().id()).problem("the clause id is used twice (the rules every "
                        + "template obeys come first: " + COMMON_RULES + ")");
            }
        }
    }

    private static Object parse(String location) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        DumperOptions unused = new DumperOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(unused), unused, options,
                new DatesAsText());
        try (InputStream in = new ClassPathResource(location).getInputStream()) {
            return yaml.load(in);
        } catch (IOException e) {
            throw new InvalidPolicyException(location, null, "cannot be read: " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new InvalidPolicyException(location, null, "is not valid YAML: " + e.getMessage(), e);
        }
    }

    /**
     * YAML 1.1's implicit types without timestamps: {@code 2026-12-25} stays text and is parsed strictly as a date
     * (SnakeYAML would read {@code 2026-13-45} leniently as a date in 2027).
     */
    private static final class DatesAsText extends Resolver {

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
            addImplicitResolver(Tag.YAML, YAML, "!&*");
        }
    }
}

package dev.fairbill.platform.testsupport;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import dev.fairbill.platform.rules.RuleViolation;

/** Matchers for an aggregate test fixture's {@code expectException}: the rule violation an aggregate threw. */
public final class Refusals {

    /** A {@link RuleViolation} under {@code slug}, the name of the rule callers see, whatever its kind. */
    public static Matcher<RuleViolation> refused(String slug) {
        return refused(null, slug);
    }

    /** A {@link RuleViolation} of {@code kind} (any kind when null) under {@code slug} (any slug when null). */
    public static Matcher<RuleViolation> refused(RuleViolation.Kind kind, String slug) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return (kind == null || violation.kind() == kind) && (slug == null || slug.equals(violation.slug()));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rule violation" + (kind == null ? "" : " of kind " + kind)
                        + (slug == null ? "" : " under " + slug));
            }
        };
    }

    private Refusals() {
    }
}

package dev.fairbill.billing.domain;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import dev.fairbill.platform.web.ProblemException;

/** Matches a problem exception by its problem type slug, which is what clients see. */
final class ProblemSlug extends TypeSafeMatcher<ProblemException> {

    private final String slug;

    private ProblemSlug(String slug) {
        this.slug = slug;
    }

    static Matcher<ProblemException> problem(String slug) {
        return new ProblemSlug(slug);
    }

    @Override
    protected boolean matchesSafely(ProblemException exception) {
        return slug.equals(exception.slug());
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a problem of type ").appendValue(slug);
    }
}

package dev.fairbill.platform.testsupport;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.springframework.http.HttpStatus;

import dev.fairbill.platform.web.ProblemException;

/** Matches a problem exception by its problem type slug (and HTTP status, when named), which is what clients see. */
public final class ProblemSlug extends TypeSafeMatcher<ProblemException> {

    private final HttpStatus status;
    private final String slug;

    private ProblemSlug(HttpStatus status, String slug) {
        this.status = status;
        this.slug = slug;
    }

    public static Matcher<ProblemException> problem(String slug) {
        return new ProblemSlug(null, slug);
    }

    public static Matcher<ProblemException> problem(HttpStatus status, String slug) {
        return new ProblemSlug(status, slug);
    }

    @Override
    protected boolean matchesSafely(ProblemException exception) {
        return slug.equals(exception.slug()) && (status == null || status == exception.status());
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a problem of type ").appendValue(slug);
        if (status != null) {
            description.appendText(" with status ").appendValue(status);
        }
    }
}

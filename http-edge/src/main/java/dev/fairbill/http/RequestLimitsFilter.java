package dev.fairbill.http;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The first check of every request: a body larger than the limit (a smaller one for {@code /webhooks/}) is refused
 * with 413 {@code payload-too-large}
 * (announced by its Content-Length, or found while it is read), and a path or query that decodes to a control
 * character or is not valid UTF-8 with 400 {@code invalid-request-target}, before anything else reads either.
 */
public class RequestLimitsFilter extends HttpFilter {

    static final String WEBHOOKS = "/webhooks/";

    private final long maxBody;
    private final long maxWebhookBody;

    public RequestLimitsFilter(long maxBody, long maxWebhookBody) {
        this.maxBody = maxBody;
        this.maxWebhookBody = maxWebhookBody;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var target = RequestTarget.problem(request.getRequestURI())
                .or(() -> RequestTarget.problem(request.getQueryString()));
        if (target.isPresent()) {
            EdgeProblems.write(response, 400, "invalid-request-target", "Invalid request target",
                    "The path or query contains " + target.get());
            return;
        }
        long limit = request.getRequestURI().startsWith(WEBHOOKS) ? maxWebhookBody : maxBody;
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, limit);
            return;
        }
        try {
            chain.doFilter(new LimitedBody(request, limit), response);
        } catch (IOException | ServletException | RuntimeException failure) {
            if (!causedByTooLargeBody(failure) || response.isCommitted()) {
                throw failure;
            }
            response.reset();
            tooLarge(response, limit);
        }
    }

    /** The rest of the body is not read: the connection closes after the answer. */
    private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        response.setHeader("Connection", "close");
        EdgeProblems.write(response, 413, "payload-too-large", "Payload too large",
                "A request body may have at most " + limit + " bytes");
        response.flushBuffer();
    }

    /** Whether reading the body went past the limit somewhere under {@code failure}. */
    public static boolean causedByTooLargeBody(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLarge) {
                return true;
            }
        }
        return false;
    }

    /** A request whose body stream fails with {@link RequestBodyTooLarge} past the limit. */
    private static final class LimitedBody extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedBody(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream body;
        private final long limit;
        private long read;

        Counting(ServletInputStream body, long limit) {
            this.body = body;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestBodyTooLarge {
            read += n;
            if (read > limit) {
                throw new RequestBodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}

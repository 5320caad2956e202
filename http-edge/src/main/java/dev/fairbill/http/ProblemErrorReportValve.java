package dev.fairbill.http;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.ExceptionUtils;

/**
 * Tomcat's own error answers (a malformed request line or URI, headers too large, a request refused before any
 * servlet ran) as problem+json instead of Tomcat's HTML page, so that every 4xx and 5xx a client sees has the same
 * shape. Never shows Tomcat's version, a stack trace or the request back.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        try {
            response.setContentType(EdgeProblems.CONTENT_TYPE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(EdgeProblems.body(status, slug(status), title(status), detail(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            ExceptionUtils.handleThrowable(e);
        }
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "malformed-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 408 -> "request-timeout";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 431 -> "request-header-fields-too-large";
            case 500 -> "internal-error";
            case 503 -> "service-unavailable";
            default -> "http-" + status;
        };
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Malformed request";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 408 -> "Request timeout";
            case 413 -> "Payload too large";
            case 414 -> "URI too long";
            case 431 -> "Request header fields too large";
            case 500 -> "Internal error";
            case 503 -> "Service unavailable";
            default -> "HTTP " + status;
        };
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request line, the URI or a header is malformed or too large";
            case 500 -> "An unexpected error occurred";
            default -> null;
        };
    }
}

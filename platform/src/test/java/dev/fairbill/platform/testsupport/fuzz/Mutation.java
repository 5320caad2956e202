package dev.fairbill.platform.testsupport.fuzz;

import java.util.Map;

/**
 * One hostile variant of a valid request.
 *
 * @param what        what was changed, for the failure report
 * @param path        the path to send to
 * @param body        the body's bytes; {@code null} for none
 * @param contentType its content type
 * @param headers     headers added to (or replacing) the valid request's
 * @param invalid     the variant breaks a rule, so it must be refused with a 4xx problem and change nothing;
 *                    otherwise it may be accepted, but must never answer 5xx
 */
public record Mutation(String what, String path, byte[] body, String contentType, Map<String, String> headers,
                       boolean invalid) {
}

package dev.fairbill.platform.web.idempotency;

import java.util.HexFormat;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;

/**
 * What a request with an Idempotency-Key creates gets an id derived from the key and the request, so that a retry of
 * a request whose first attempt created it but never answered (the process died after the commit) finds it instead
 * of creating it again: exactly one account, subscription, charge or case per request, even across a crash. A
 * controller that finds its {@link #id} taken answers with what is there.
 */
public final class IdempotentCreation {

    static final String REQUEST = IdempotentCreation.class.getName() + ".request";

    /** The id of the {@code prefix} object this request creates; random for a request without an Idempotency-Key. */
    public static String id(IdPrefix prefix) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object request = attributes == null ? null
                : attributes.getAttribute(REQUEST, RequestAttributes.SCOPE_REQUEST);
        if (request instanceof IdempotentRequest keyed) {
            return Ids.derive(prefix, "created-by\n" + prefix.prefix() + "\n" + keyed.tenant() + "\n" + keyed.key()
                    + "\n" + HexFormat.of().formatHex(keyed.hash()));
        }
        return Ids.generate(prefix);
    }

    private IdempotentCreation() {
    }
}

package dev.fairbill.billing.webhook;

import org.springframework.http.HttpStatus;

import dev.fairbill.platform.web.ProblemException;

/** A webhook whose signature does not verify, or whose timestamp is outside the tolerance: 401, nothing stored. */
public class WebhookSignatureRejected extends ProblemException {

    public WebhookSignatureRejected(String detail) {
        super(HttpStatus.UNAUTHORIZED, "webhook-signature-invalid", "Webhook signature invalid", detail);
    }
}

package dev.fairbill.billing.webhook;

import org.springframework.http.HttpStatus;

import dev.fairbill.platform.web.ProblemException;

/** A webhook body that is not the processor's event format: 400, nothing stored. */
public class UnreadableWebhook extends ProblemException {

    public UnreadableWebhook(String detail) {
        super(HttpStatus.BAD_REQUEST, "webhook-unparseable", "Webhook unparseable", detail);
    }
}

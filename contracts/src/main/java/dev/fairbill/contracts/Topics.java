package dev.fairbill.contracts;

import java.util.List;

/** Kafka topics between the services. Facts are published by their owner; requests are sent by sagas. */
public final class Topics {

    public static final String BILLING_EVENTS = "fairbill.billing.events.v1";
    public static final String LEDGER_EVENTS = "fairbill.ledger.events.v1";
    public static final String REFUND_EVENTS = "fairbill.refund.events.v1";
    public static final String BILLING_REQUESTS = "fairbill.billing.requests.v1";
    public static final String LEDGER_REQUESTS = "fairbill.ledger.requests.v1";

    public static final List<String> ALL =
            List.of(BILLING_EVENTS, LEDGER_EVENTS, REFUND_EVENTS, BILLING_REQUESTS, LEDGER_REQUESTS);

    /** Where a message goes after its retries are exhausted. */
    public static String deadLetterTopic(String topic) {
        return topic + ".dlt";
    }

    private Topics() {
    }
}

package dev.fairbill.billing.webhook;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

import dev.fairbill.platform.web.input.InputLimits;
import tools.jackson.databind.JsonNode;

/**
 * What a verified webhook body must hold before it is stored: a signature proves who sent it, not that it is fit to
 * keep and act on. Every string is text without control characters and of a sane length, and the fields a dispute is
 * built from have their processor's types and stay within the bounds of every request. A body that breaks these is
 * refused (400) and nothing is stored.
 */
final class WebhookPayloads {

    static final int MAX_STRING = 65_536;
    static final int MAX_REFERENCE = 255;

    /** Every string in the body is clean text of at most {@link #MAX_STRING} characters. */
    static void requireCleanText(JsonNode node, String path) {
        if (node.isString()) {
            String text = node.asString();
            if (text.length() > MAX_STRING || InputLimits.hasForbiddenCharacter(text)) {
                throw new UnreadableWebhook("The field " + path + " holds control characters or is longer than "
                        + MAX_STRING + " characters.");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                requireCleanText(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireCleanText(node.get(i), path + "[" + i + "]");
            }
        }
    }

    /** A Stripe event's id and type, and for a dispute event the dispute it reports. */
    static void requireStripeEvent(JsonNode event, boolean dispute) {
        reference(event, "id", "");
        reference(event, "type", "");
        epochSeconds(event, "created", "", true);
        if (dispute) {
            JsonNode object = event.path("data").path("object");
            reference(object, "id", "data.object.");
            reference(object, "charge", "data.object.");
            amount(object.path("amount"), "data.object.amount");
            currency(object.path("currency").asString(""), "data.object.currency");
            epochSeconds(object.path("evidence_details"), "due_by", "data.object.evidence_details.", false);
        }
    }

    /** An Adyen notification item's references, and for a chargeback the payment, amount and dates it names. */
    static void requireAdyenItem(JsonNode item, boolean chargeback) {
        reference(item, "pspReference", "");
        reference(item, "eventCode", "");
        if (chargeback) {
            reference(item, "originalReference", "");
            amount(item.path("amount").path("value"), "amount.value");
            currency(item.path("amount").path("currency").asString(""), "amount.currency");
            offsetInstant(item, "eventDate", "", true);
            offsetInstant(item.path("additionalData"), "defensePeriodEndsAt", "additionalData.", false);
        }
    }

    private static void reference(JsonNode node, String field, String prefix) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.asString().isBlank() || value.asString().length() > MAX_REFERENCE) {
            throw new UnreadableWebhook("The field " + prefix + field + " must be a text of 1 to " + MAX_REFERENCE
                    + " characters.");
        }
    }

    private static void amount(JsonNode value, String field) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0
                || value.asLong() > InputLimits.MAX_AMOUNT) {
            throw new UnreadableWebhook("The field " + field + " must be a whole amount of minor units from 1 to "
                    + InputLimits.MAX_AMOUNT + ".");
        }
    }

    private static void currency(String code, String field) {
        try {
            Currency.getInstance(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException unknown) {
            throw new UnreadableWebhook("The field " + field + " must be an ISO-4217 currency code.");
        }
    }

    private static void epochSeconds(JsonNode node, String field, String prefix, boolean required) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() && !required) {
            return;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || !withinTime(() -> Instant.ofEpochSecond(value.asLong()))) {
            throw new UnreadableWebhook("The field " + prefix + field + " must be a Unix time from "
                    + InputLimits.EARLIEST + " until before " + InputLimits.END_OF_TIME + ".");
        }
    }

    private static void offsetInstant(JsonNode node, String field, String prefix, boolean required) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() && !required) {
            return;
        }
        if (!value.isString() || !withinTime(() -> OffsetDateTime.parse(value.asString()).toInstant())) {
            throw new UnreadableWebhook("The field " + prefix + field + " must be an ISO-8601 date and time from "
                    + InputLimits.EARLIEST + " until before " + InputLimits.END_OF_TIME + ".");
        }
    }

    private interface InstantSource {
        Instant get();
    }

    private static boolean withinTime(InstantSource instant) {
        try {
            return InputLimits.isWithinTime(instant.get());
        } catch (DateTimeException | ArithmeticException invalid) {
            return false;
        }
    }

    private WebhookPayloads() {
    }
}

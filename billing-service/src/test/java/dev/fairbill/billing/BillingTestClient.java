package dev.fairbill.billing;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.contracts.Topics;
import dev.fairbill.platform.testsupport.KafkaTestMessages;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;

/**
 * Billing as the request and hold integration tests drive it: customers paying with {@code pm_card_ok},
 * subscriptions and charges over the API; requests sent on the real broker the way another service's saga sends them;
 * and waiting for the read models to show what a request or webhook changed.
 */
public final class BillingTestClient {

    public static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * How long a published fact may take: the publisher is a tracking processor that backs off (1 s, 2 s, 4 s, …)
     * after a failed batch, so a broker hiccup on a loaded two-core machine can hold facts back for over 30 s.
     */
    private static final Duration FACT_WAIT = Duration.ofSeconds(90);
    private static final Duration READ_ONCE = Duration.ofSeconds(10);

    private final BillingApi api;
    private final JdbcClient jdbc;

    public BillingTestClient(int port, JdbcClient jdbc) {
        this.api = new BillingApi(port);
        this.jdbc = jdbc;
    }

    /** Sends a request on {@link Topics#BILLING_REQUESTS} keyed by the account; returns its CloudEvents id. */
    public static String request(String type, String accountId, Object data) {
        return publish(Topics.BILLING_REQUESTS, type, accountId, data);
    }

    /** Sends a request again under the id it had before: a redelivery. */
    public static void redeliver(String messageId, String type, String accountId, Object data) {
        KafkaTestMessages.sendCloudEvent(Topics.BILLING_REQUESTS, messageId, type, accountId, data);
    }

    /** The request with this CloudEvents id, once billing gave up on it and parked it on the dead-letter topic. */
    public static ConsumerRecord<String, byte[]> deadLetter(String accountId, String type, String messageId) {
        return Awaitility.await().atMost(WAIT).until(
                () -> KafkaTestMessages.awaitRecords(Topics.deadLetterTopic(Topics.BILLING_REQUESTS), accountId,
                                type, 1, WAIT).stream()
                        .filter(record -> messageId.equals(KafkaTestMessages.header(record, "ce_id")))
                        .findFirst().orElse(null),
                Objects::nonNull);
    }

    /** Publishes a fact on {@link Topics#LEDGER_EVENTS} keyed by the account, as the ledger does; returns its id. */
    public static String ledgerFact(String type, String accountId, Object data) {
        return publish(Topics.LEDGER_EVENTS, type, accountId, data);
    }

    /** Publishes a ledger fact again under the id it had before: a redelivery. */
    public static void redeliverLedgerFact(String messageId, String type, String accountId, Object data) {
        KafkaTestMessages.sendCloudEvent(Topics.LEDGER_EVENTS, messageId, type, accountId, data);
    }

    private static String publish(String topic, String type, String accountId, Object data) {
        String messageId = UUID.randomUUID().toString();
        KafkaTestMessages.sendCloudEvent(topic, messageId, type, accountId, data);
        return messageId;
    }

    /** The first fact of {@code type} that billing published about the account and that {@code matches}. */
    public static <T> T awaitFact(String accountId, String type, Class<T> dataType, Predicate<T> matches) {
        return awaitMessage(Topics.BILLING_EVENTS, accountId, type, dataType, matches);
    }

    /** The first request of {@code type} that billing sent the ledger about the account and that {@code matches}. */
    public static <T> T awaitLedgerRequest(String accountId, String type, Class<T> dataType, Predicate<T> matches) {
        return awaitMessage(Topics.LEDGER_REQUESTS, accountId, type, dataType, matches);
    }

    private static <T> T awaitMessage(String topic, String accountId, String type, Class<T> dataType,
                                      Predicate<T> matches) {
        return Awaitility.await().atMost(FACT_WAIT).ignoreExceptionsInstanceOf(ConditionTimeoutException.class).until(
                () -> KafkaTestMessages.awaitRecords(topic, accountId, type, 1, READ_ONCE).stream()
                        .map(record -> KafkaTestMessages.data(record, dataType))
                        .filter(matches)
                        .findFirst().orElse(null),
                Objects::nonNull);
    }

    /** How many times the inbox applied the message with this id (0: never, or its effect rolled back). */
    public long inboxRows(String messageId) {
        return jdbc.sql("SELECT count(*) FROM inbox WHERE message_id = ?").param(messageId).query(Long.class)
                .single();
    }

    /** How many domain events with this simple type name the aggregate has in the event store. */
    public long eventsOf(String aggregateId, String eventType) {
        return jdbc.sql("""
                        SELECT count(*) FROM domainevententry
                        WHERE aggregateidentifier = ? AND payloadtype LIKE ?""")
                .params(aggregateId, "%" + eventType)
                .query(Long.class).single();
    }

    public String openCustomer(String tenant) {
        return api.openAccount(tenant, """
                {"externalRef": "requests-it-%s", "role": "CUSTOMER", "defaultPaymentMethod": "pm_card_ok"}"""
                .formatted(UUID.randomUUID()));
    }

    public JsonNode account(String tenant, String accountId) {
        return read("/api/v1/accounts/" + accountId, tenant);
    }

    public JsonNode awaitAccount(String tenant, String accountId, Predicate<JsonNode> until) {
        return await(() -> account(tenant, accountId), until);
    }

    /** A subscription to {@code planId} paid with the account's default payment method. */
    public JsonNode subscribe(String tenant, String accountId, String planId) {
        return BillingApi.created(api.post("/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "%s"}""".formatted(accountId, planId), BillingApi.admin(tenant)));
    }

    /** Cancels a subscription over the API, as the tenant's admin. */
    public JsonNode cancel(String tenant, String subscriptionId, String body) {
        var cancelled = api.post("/api/v1/subscriptions/" + subscriptionId + "/cancel", body,
                BillingApi.admin(tenant));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        return BillingApi.JSON.readTree(cancelled.body());
    }

    public JsonNode subscription(String tenant, String subscriptionId) {
        return read("/api/v1/subscriptions/" + subscriptionId, tenant);
    }

    public JsonNode awaitSubscription(String tenant, String subscriptionId, Predicate<JsonNode> until) {
        return await(() -> subscription(tenant, subscriptionId), until);
    }

    /** A charge of {@code amount} EUR minor units captured by the sandbox, as the API answers it. */
    public JsonNode capturedCharge(String tenant, String accountId, long amount) {
        JsonNode charge = BillingApi.created(api.post("/api/v1/charges", """
                {"accountId": "%s", "amount": {"amount": %d, "currency": "EUR"}, "description": "credits %s",
                 "paymentMethod": "pm_card_ok"}""".formatted(accountId, amount, UUID.randomUUID()),
                BillingApi.admin(tenant)));
        assertThat(status(charge)).isEqualTo("SUCCEEDED");
        return charge;
    }

    public JsonNode charge(String tenant, String chargeId) {
        return read("/api/v1/charges/" + chargeId, tenant);
    }

    public JsonNode awaitCharge(String tenant, String chargeId, Predicate<JsonNode> until) {
        return await(() -> charge(tenant, chargeId), until);
    }

    public static String status(JsonNode resource) {
        return resource.get("status").asString();
    }

    /** The holds of an account or subscription as {@code REASON:reference}, in the order the API lists them. */
    public static List<String> holds(JsonNode resource) {
        return resource.get("holds").valueStream()
                .map(hold -> hold.get("reason").asString() + ":" + hold.get("reference").asString())
                .toList();
    }

    public static long amountRefunded(JsonNode charge) {
        return charge.get("amountRefunded").get("amount").asLong();
    }

    private JsonNode read(String path, String tenant) {
        var read = api.get(path, bearer(TestJwts.readOnly(tenant)));
        assertThat(read.status()).as(path + ": " + read.body()).isEqualTo(200);
        return BillingApi.JSON.readTree(read.body());
    }

    private static JsonNode await(Callable<JsonNode> read, Predicate<JsonNode> until) {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(read, until::test);
    }
}

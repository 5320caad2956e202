package dev.fairbill.billing.web;

import static dev.fairbill.billing.BillingApi.admin;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.fairbill.billing.BillingApi;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * A process can die after a create committed and before its answer was stored with the Idempotency-Key. The retry
 * with the same key runs the request again; it must find what the first attempt created, not create a second one.
 */
@IntegrationTest
@TestPropertySource(properties = "fairbill.billing.sandbox.latency=0ms")
class RetryAfterLostAnswerIT {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private BillingApi api;

    @BeforeEach
    void client() {
        api = new BillingApi(port);
    }

    @Test
    void aRetriedCreateWhoseAnswerWasLostCreatesNothingTwice() {
        String account = created("/api/v1/accounts", "{\"externalRef\": \"lost-answer\", \"role\": \"CUSTOMER\","
                + " \"defaultPaymentMethod\": \"pm_card_ok\"}", "accounts");
        created("/api/v1/subscriptions", "{\"accountId\": \"" + account + "\", \"planId\": \"monthly\"}",
                "subscriptions");
        created("/api/v1/charges", "{\"accountId\": \"" + account + "\", \"amount\": {\"amount\": 500, "
                + "\"currency\": \"EUR\"}, \"description\": \"setup fee\"}", "charges");
        created("/api/v1/purchases", "{\"accountId\": \"" + account + "\", \"productId\": \"credits-500\"}",
                "purchases");

        assertThat(jdbc.sql("SELECT count(*) FROM charges WHERE account_id = ?").param(account).query(Long.class)
                .single()).as("the subscription's, the setup fee and the purchase's charge").isEqualTo(3);
    }

    /** Sends the request, forgets its stored answer as a crash would, retries: the same resource, once. */
    private String created(String path, String body, String table) {
        Map<String, String> headers = new HashMap<>(admin("studio"));
        String key = UUID.randomUUID().toString();
        headers.put("Idempotency-Key", key);
        ApiClient.Response first = api.send("POST", path, body, headers);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        jdbc.sql("DELETE FROM idempotency_keys WHERE idempotency_key = ?").param(key).update();

        ApiClient.Response retried = api.send("POST", path, body, headers);

        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        String id = json.readTree(first.body()).get("id").asString();
        assertThat(json.readTree(retried.body()).get("id").asString()).isEqualTo(id);
        assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE id = ?").param(id).query(Long.class).single())
                .isOne();
        return id;
    }
}

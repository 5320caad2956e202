package dev.fairbill.billing;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Billing's HTTP API as the integration tests drive it, with the setup steps they share. */
public final class BillingApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiClient http;

    public BillingApi(int port) {
        this.http = new ApiClient("http://localhost:" + port);
    }

    public ApiClient.Response get(String path, Map<String, String> headers) {
        return http.get(path, headers);
    }

    public ApiClient.Response post(String path, String jsonBody, Map<String, String> headers) {
        return http.post(path, jsonBody, headers);
    }

    public ApiClient.Response send(String method, String path, String jsonBody, Map<String, String> headers) {
        return http.send(method, path, jsonBody, headers);
    }

    /** Opens an account of {@code tenant} from {@code body}, as its admin; returns the new account's id. */
    public String openAccount(String tenant, String body) {
        return created(post("/api/v1/accounts", body, admin(tenant))).get("id").asString();
    }

    /** Opens a customer account of {@code tenant} with this external reference; returns its id. */
    public String openCustomer(String tenant, String externalRef) {
        return openAccount(tenant, """
                {"externalRef": "%s", "role": "CUSTOMER"}""".formatted(externalRef));
    }

    /**
     * A monthly subscription imported so that its current period ends {@code in} from now (whole seconds), so that it
     * renews for real through the persisted deadline.
     */
    public JsonNode subscribeEndingIn(String account, String tenant, Duration in) {
        Instant end = Instant.now().plus(in).truncatedTo(ChronoUnit.SECONDS);
        JsonNode subscription = created(post("/api/v1/subscriptions", """
                {"accountId": "%s", "planId": "monthly", "backdateStartTo": "%s"}""".formatted(account,
                startOfPeriodEnding(end)), admin(tenant)));
        assertThat(Instant.parse(subscription.get("currentPeriod").get("end").asString())).isEqualTo(end);
        return subscription;
    }

    /**
     * A monthly start whose schedule has a period starting exactly at {@code end}: whole months back, and two when the
     * month before is too short for the day (from 31 March one month back clamps to 28 February, whose schedule
     * renews on the 28th; 31 January renews on 31 March).
     */
    public static Instant startOfPeriodEnding(Instant end) {
        var utc = end.atZone(ZoneOffset.UTC);
        for (int months = 1; ; months++) {
            var start = utc.minusMonths(months);
            if (start.getDayOfMonth() == utc.getDayOfMonth()) {
                return start.toInstant();
            }
        }
    }

    /** The body of a {@code 201 Created} answer; fails on any other status. */
    public static JsonNode created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    public static Map<String, String> admin(String tenant) {
        return bearer(TestJwts.admin(tenant));
    }

    /** An admin of a test-mode key. */
    public static Map<String, String> testMode(String tenant) {
        return bearer(TestJwts.testMode(tenant));
    }
}

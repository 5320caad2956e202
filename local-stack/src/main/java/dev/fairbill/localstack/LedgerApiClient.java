package dev.fairbill.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls billing and the credit ledger on their own ports with a self-signed internal JWT, as the gateway would after
 * checking an admin key: opens accounts, charges them, waits for their ledgers, grants credits and consumes them.
 */
final class LedgerApiClient {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PROCESSOR_CHARGE_ID =
            Pattern.compile("\"processorChargeId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String billing;
    private final String ledger;
    private final Supplier<String> token;

    LedgerApiClient(String billingUrl, String ledgerUrl, Supplier<String> token) {
        this.billing = billingUrl;
        this.ledger = ledgerUrl;
        this.token = token;
    }

    /** Opens a customer account in billing and answers its id; its ledger follows over Kafka. */
    String openAccount(String externalRef) throws IOException, InterruptedException {
        HttpResponse<String> response = post(billing + "/api/v1/accounts",
                "{\"externalRef\":\"" + externalRef + "\",\"role\":\"CUSTOMER\"}", UUID.randomUUID().toString());
        Matcher id = ID.matcher(expect(201, response));
        if (!id.find()) {
            throw new IllegalStateException("no id in " + response.body());
        }
        return id.group(1);
    }

    /**
     * Opens {@code count} customer accounts in billing, waits until the ledger service has opened their ledgers and
     * grants each {@code credits} {@code GOODWILL} credits in one lot; returns their ids.
     */
    List<String> openFundedAccounts(int count, long credits) throws IOException, InterruptedException {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            accounts.add(openAccount("bench-" + UUID.randomUUID()));
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        for (String account : accounts) {
            awaitLedger(account, deadline);
            grant(account, credits);
        }
        return accounts;
    }

    /** A captured charge of {@code amount} EUR on the sandbox's {@code pm_card_ok}: its id and the processor's id. */
    ChargeIds charge(String accountId, long amount, String description) throws IOException, InterruptedException {
        String body = expect(201, post(billing + "/api/v1/charges", "{\"accountId\":\"" + accountId
                + "\",\"amount\":{\"amount\":" + amount + ",\"currency\":\"EUR\"},\"description\":\"" + description
                + "\",\"paymentMethod\":\"pm_card_ok\"}", UUID.randomUUID().toString()));
        Matcher id = ID.matcher(body);
        Matcher processorId = PROCESSOR_CHARGE_ID.matcher(body);
        if (!id.find() || !processorId.find()) {
            throw new IllegalStateException("no charge ids in " + body);
        }
        return new ChargeIds(id.group(1), processorId.group(1));
    }

    record ChargeIds(String chargeId, String processorChargeId) {
    }

    /** Waits until the ledger service has opened the account's ledger (billing's account-opened arrived). */
    void awaitLedger(String accountId, Instant deadline) throws IOException, InterruptedException {
        var request = authorized(URI.create(ledger + "/api/v1/ledgers/" + accountId)).GET().build();
        while (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the ledger of " + accountId + " was not opened in time");
            }
            Thread.sleep(100);
        }
    }

    void grant(String accountId, long credits) throws IOException, InterruptedException {
        expect(201, post(ledger + "/api/v1/ledgers/" + accountId + "/grants",
                "{\"amount\":" + credits + ",\"source\":\"GOODWILL\",\"reference\":\"benchmark\"}",
                UUID.randomUUID().toString()));
    }

    /**
     * A load client consuming one credit per call from {@code accountId}; with {@code idempotencyKeys} each call
     * carries a new {@code Idempotency-Key}, as the API asks of every POST that moves credits.
     */
    ClosedLoopLoad.Client consumer(String accountId, String run, boolean idempotencyKeys) {
        URI consumptions = URI.create(ledger + "/api/v1/ledgers/" + accountId + "/consumptions");
        return new ClosedLoopLoad.Client() {
            private long sequence;

            @Override
            public ClosedLoopLoad.Outcome call() throws IOException, InterruptedException {
                String reference = run + "-" + accountId + "-" + sequence++;
                HttpResponse<String> response = post(consumptions, "{\"amount\":1,\"reference\":\"" + reference
                        + "\"}", idempotencyKeys ? reference : null);
                return response.statusCode() == 201 ? ClosedLoopLoad.Outcome.OK
                        : ClosedLoopLoad.Outcome.failed("HTTP " + response.statusCode(), response.body());
            }
        };
    }

    /** A load client reading {@code accountId}'s ledger (balance, cash balances, open lots) per call. */
    ClosedLoopLoad.Client reader(String accountId) {
        URI ledgerUri = URI.create(ledger + "/api/v1/ledgers/" + accountId);
        return () -> {
            HttpResponse<String> response = http.send(authorized(ledgerUri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? ClosedLoopLoad.Outcome.OK
                    : ClosedLoopLoad.Outcome.failed("HTTP " + response.statusCode(), response.body());
        };
    }

    private HttpResponse<String> post(String url, String body, String idempotencyKey)
            throws IOException, InterruptedException {
        return post(URI.create(url), body, idempotencyKey);
    }

    private HttpResponse<String> post(URI uri, String body, String idempotencyKey)
            throws IOException, InterruptedException {
        var request = authorized(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + token.get());
    }

    private static String expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}

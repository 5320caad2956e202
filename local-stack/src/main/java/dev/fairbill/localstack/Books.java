package dev.fairbill.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.fairbill.postgres.PostgresServer;
import tools.jackson.databind.JsonNode;

/**
 * After the load: waits until the suite has worked through what the load left (tracking processors, Kafka consumers,
 * refund sagas, webhook deliveries), then checks the books with SQL on the services' databases and the ledger's
 * journal check through the gateway.
 */
final class Books {

    /** One check: passed when it found no violations. */
    record Check(String name, List<String> violations) {

        boolean passed() {
            return violations.isEmpty();
        }
    }

    /**
     * @param waited  how long it waited
     * @param pending what had not caught up when it stopped waiting; empty when everything had
     */
    record Settling(Duration waited, List<String> pending) {
    }

    private static final String CHARGE_REFUNDED = "billing.ChargeRefunded";
    private static final List<Service> WITH_DATABASE = List.of(Service.BILLING, Service.LEDGER, Service.REFUND);

    private final PostgresServer postgres;
    private final KafkaBacklog kafka;
    private final LoadGateway gateway;

    Books(PostgresServer postgres, KafkaBacklog kafka, LoadGateway gateway) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.gateway = gateway;
    }

    /** Polls until nothing is pending any more, for at most {@code atMost}. */
    Settling settle(Duration atMost) throws SQLException, InterruptedException {
        Instant start = Instant.now();
        List<String> pending = pending();
        while (!pending.isEmpty() && Duration.between(start, Instant.now()).compareTo(atMost) < 0) {
            Thread.sleep(1000);
            pending = pending();
        }
        return new Settling(Duration.between(start, Instant.now()), pending);
    }

    private List<String> pending() throws SQLException {
        List<String> pending = new ArrayList<>();
        for (Service service : WITH_DATABASE) {
            if (Boolean.FALSE.equals(new DatabaseActivity(postgres, service.database).trackingProcessorsCaughtUp())) {
                pending.add(service.module + ": tracking processors behind the newest event");
            }
        }
        long lag = kafka.consumerLag();
        if (lag > 0) {
            pending.add("Kafka: " + lag + " messages not consumed yet");
        }
        long executing = count(Service.REFUND, "SELECT COUNT(*) FROM refund_cases WHERE status IN ('APPROVED', "
                + "'EXECUTING')");
        if (executing > 0) {
            pending.add("refund-service: " + executing + " approved cases not settled");
        }
        long webhooks = count(Service.BILLING, "SELECT COUNT(*) FROM webhook_deliveries WHERE processed_at IS NULL");
        if (webhooks > 0) {
            pending.add("billing-service: " + webhooks + " webhook deliveries not processed");
        }
        return pending;
    }

    List<Check> check() throws SQLException {
        return List.of(journalBalanced(), moneyBackWithinCaptured(), approvedCasesSettled(), paidOutOnce(),
                noDeadLetters(), webhooksProcessed());
    }

    /**
     * Not a check: refund targets that got another case less than a second after the previous one, as when the same
     * request arrives twice at once, with the statuses their cases ended in.
     */
    List<String> casesOpenedTogether() throws SQLException {
        return rows(Service.REFUND, """
                SELECT tenant, target_kind, target_id,
                       COUNT(*) FILTER (WHERE gap < INTERVAL '1 second') + 1 AS cases,
                       string_agg(status || ' ' || status_cases, ', ' ORDER BY status) FILTER (WHERE nth = 1)
                           AS statuses
                  FROM (SELECT tenant, target_kind, target_id, status, gap,
                               COUNT(*) OVER (PARTITION BY tenant, target_kind, target_id, status) AS status_cases,
                               ROW_NUMBER() OVER (PARTITION BY tenant, target_kind, target_id, status) AS nth
                          FROM (SELECT tenant, target_kind, target_id, status, created_at - LAG(created_at) OVER (
                                       PARTITION BY tenant, target_kind, target_id ORDER BY created_at) AS gap
                                  FROM refund_cases WHERE reason <> 'DUPLICATE_CHARGE') opened) counted
                 GROUP BY tenant, target_kind, target_id
                HAVING COUNT(*) FILTER (WHERE gap < INTERVAL '1 second') > 0
                 ORDER BY cases DESC""",
                row -> "%s %s %s: %d cases within a second of each other (%s)".formatted(row.getString(1),
                        row.getString(2), row.getString(3), row.getLong(4), row.getString(5)));
    }

    private Check journalBalanced() {
        List<String> violations = new ArrayList<>();
        for (String tenant : LocalStack.TENANTS) {
            Answer answer = gateway.get(tenant, "/api/v1/journal/check");
            if (!answer.succeeded()) {
                violations.add(tenant + ": the check answered " + answer.summary());
                continue;
            }
            JsonNode result = gateway.json(answer);
            if (!result.get("balanced").asBoolean()) {
                violations.add(tenant + ": units " + result.get("units") + ", mismatches " + result.get("mismatches"));
            }
        }
        return new Check("the ledger's double-entry journal is balanced (GET /api/v1/journal/check, every tenant)",
                violations);
    }

    /**
     * Billing's {@code amount_refunded} counts every refund of a charge, to the card and to the balance (a refund
     * case's balance payout, lot reference {@code rc_…}, and a split refund's balance part, reference {@code re_…}).
     * Other cash lots naming the charge (granted through the API) are money the charge took as well, so they count.
     */
    private Check moneyBackWithinCaptured() throws SQLException {
        Map<String, Long> toBalance = totals(Service.LEDGER, """
                SELECT charge_id, SUM(granted) FROM ledger_lots
                WHERE source = 'REFUND_BALANCE' AND charge_id IS NOT NULL
                  AND (reference IS NULL OR (reference NOT LIKE 'rc\\_%' AND reference NOT LIKE 're\\_%'))
                GROUP BY charge_id""");
        List<String> violations = rows(Service.BILLING, """
                SELECT id, tenant, CASE WHEN status IN ('FAILED', 'PENDING') THEN 0 ELSE amount END,
                       amount_refunded, lost_in_dispute FROM charges""", row -> {
            long captured = row.getLong(3);
            long balance = toBalance.getOrDefault(row.getString(1), 0L);
            return row.getLong(4) + balance + row.getLong(5) <= captured ? null
                    : "%s (%s): captured %d, refunded %d, %d more put in the balance, %d lost in a dispute"
                            .formatted(row.getString(1), row.getString(2), captured, row.getLong(4), balance,
                                    row.getLong(5));
        });
        return new Check("per charge, refunded (card + account balance) + other cash lots naming it + lost in dispute "
                + "<= captured", violations);
    }

    private Check approvedCasesSettled() throws SQLException {
        return new Check("every approved refund case settled (COMPLETED, REMEDIED or FAILED)", rows(Service.REFUND, """
                SELECT case_id, tenant, reason, status, target_id, decided_at FROM refund_cases
                WHERE status IN ('APPROVED', 'EXECUTING') ORDER BY decided_at""",
                row -> "%s (%s, %s on %s) still %s, decided %s".formatted(row.getString(1), row.getString(2),
                        row.getString(3), row.getString(5), row.getString(4), row.getString(6))));
    }

    /** Card payouts are billing's ChargeRefunded events under the refund id; balance payouts the ledger's lots. */
    private Check paidOutOnce() throws SQLException {
        Map<String, Long> toCard = totals(Service.BILLING, """
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'refundId', COUNT(*) FROM domainevententry
                WHERE payloadtype = '%s' GROUP BY 1""".formatted(CHARGE_REFUNDED));
        Map<String, Long> toBalance = totals(Service.LEDGER, """
                SELECT reference, COUNT(*) FROM ledger_lots WHERE source = 'REFUND_BALANCE' AND reference IS NOT NULL
                GROUP BY reference""");
        List<String> violations = rows(Service.REFUND, """
                SELECT case_id, tenant, status, refund_id FROM refund_cases WHERE refund_id IS NOT NULL""", row -> {
            long payouts = toCard.getOrDefault(row.getString(4), 0L) + toBalance.getOrDefault(row.getString(1), 0L);
            boolean completed = row.getString(3).equals("COMPLETED");
            return payouts <= 1 && (payouts == 1 || !completed) ? null
                    : "%s (%s, %s, refund %s): paid out %d times".formatted(row.getString(1), row.getString(2),
                            row.getString(3), row.getString(4), payouts);
        });
        return new Check("every refund paid out at most once, every COMPLETED case exactly once", violations);
    }

    private Check noDeadLetters() throws SQLException {
        List<String> violations = new ArrayList<>();
        for (Service service : WITH_DATABASE) {
            violations.addAll(rows(service, """
                    SELECT processinggroup, COUNT(*), MAX(causemessage) FROM deadletterentry
                    GROUP BY processinggroup""", row -> "%s %s: %d dead letters, e.g. %s".formatted(service.module,
                    row.getString(1), row.getLong(2), row.getString(3))));
        }
        kafka.deadLetters().forEach((topic, messages) -> violations.add(topic + ": " + messages + " messages"));
        return new Check("no dead letters (Axon dead-letter queues, Kafka *.dlt topics)", violations);
    }

    private Check webhooksProcessed() throws SQLException {
        return new Check("every stored webhook delivery processed", rows(Service.BILLING, """
                SELECT id, tenant, type, attempts, last_error FROM webhook_deliveries WHERE processed_at IS NULL
                ORDER BY id""", row -> "delivery %d (%s, %s): %d attempts, last error %s".formatted(row.getLong(1),
                row.getString(2), row.getString(3), row.getInt(4), row.getString(5))));
    }

    /** The second column of each row by its first. */
    Map<String, Long> totals(Service service, String sql) throws SQLException {
        Map<String, Long> totals = new HashMap<>();
        for (Map.Entry<String, Long> row : rows(service, sql, row -> Map.entry(row.getString(1), row.getLong(2)))) {
            totals.put(row.getKey(), row.getValue());
        }
        return totals;
    }

    private long count(Service service, String sql) throws SQLException {
        return rows(service, sql, row -> row.getLong(1)).getFirst();
    }

    @FunctionalInterface
    interface RowMapper<T> {
        /** The row's value, or {@code null} to leave the row out. */
        T map(ResultSet row) throws SQLException;
    }

    /** Each row of {@code sql} on {@code service}'s database, mapped; rows mapped to {@code null} left out. */
    <T> List<T> rows(Service service, String sql, RowMapper<T> mapper) throws SQLException {
        List<T> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(service.database), postgres.user(),
                postgres.password()); var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                T value = mapper.map(rows);
                if (value != null) {
                    values.add(value);
                }
            }
        }
        return values;
    }
}

package dev.fairbill.ledger.messaging;

import static dev.fairbill.platform.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.fairbill.contracts.Topics;
import dev.fairbill.platform.testsupport.ApiClient;
import dev.fairbill.platform.testsupport.IntegrationTest;
import dev.fairbill.platform.testsupport.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Billing's account-opened fact, received from the real broker, opens an empty ledger exactly once. */
@IntegrationTest
class AccountOpenedConsumerIT {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired Environment environment;
    @Autowired KafkaListenerEndpointRegistry listeners;
    private final JsonMapper json = JsonMapper.builder().build();
    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
    }

    /** Billing's facts and the sagas' requests each have a consumer of their own, in the ledger's group. */
    @Test
    void eachTopicTheLedgerConsumesHasAConsumerOfItsOwn() {
        Map<String, List<String>> topicsByListener = listeners.getListenerContainers().stream()
                .collect(Collectors.toMap(MessageListenerContainer::getListenerId, container -> List.of(
                        container.getContainerProperties().getTopics())));

        assertThat(topicsByListener).containsEntry("inbound-" + Topics.BILLING_EVENTS, List.of(Topics.BILLING_EVENTS))
                .containsEntry("inbound-" + Topics.LEDGER_REQUESTS, List.of(Topics.LEDGER_REQUESTS)).hasSize(2);
        assertThat(listeners.getListenerContainers()).allSatisfy(container -> assertThat(container.getGroupId())
                .isEqualTo("credit-ledger-service"));
    }

    @Test
    void openedAccountGetsAnEmptyLedger() {
        String accountId = BillingFacts.newAccountId();

        BillingFacts.accountOpened(UUID.randomUUID().toString(), accountId, "panel");

        ApiClient.Response ledger = awaitLedger(accountId, "panel");
        JsonNode body = json.readTree(ledger.body());
        assertThat(body.get("accountId").asString()).isEqualTo(accountId);
        assertThat(body.get("balance").asLong()).isZero();
        assertThat(body.get("frozen").asBoolean()).isFalse();
        assertThat(body.get("lots").isEmpty()).isTrue();
        assertThat(body.get("cashBalances").isEmpty()).isTrue();
    }

    @Test
    void ledgerOfAnotherTenantsAccountIsNotFound() {
        String accountId = BillingFacts.newAccountId();
        BillingFacts.accountOpened(UUID.randomUUID().toString(), accountId, "panel");
        awaitLedger(accountId, "panel");

        assertThat(api.get("/api/v1/ledgers/" + accountId, bearer(TestJwts.admin("studio"))).status())
                .isEqualTo(404);
    }

    @Test
    void redeliveredMessageHasOneEffect() {
        String accountId = BillingFacts.newAccountId();
        String eventId = UUID.randomUUID().toString();
        String marker = BillingFacts.newAccountId();

        BillingFacts.accountOpened(eventId, accountId, "smm");
        BillingFacts.accountOpened(eventId, accountId, "smm");
        // a later message on the same partition: once it is applied, both copies before it have been handled
        BillingFacts.accountOpened(UUID.randomUUID().toString(), marker, "smm");
        awaitLedger(marker, "smm");

        assertThat(jdbc.sql("SELECT count(*) FROM inbox WHERE message_id = ?").param(eventId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?").param(accountId)
                .query(Long.class).single()).isEqualTo(1);
    }

    /**
     * Once the records of a poll are handled, the consumer group's committed position moves past them, so a restart
     * neither loses them nor handles the whole topic again.
     */
    @Test
    void theConsumersPositionIsCommittedOnceItsRecordsAreHandled() throws Exception {
        String last = null;
        for (int i = 0; i < 5; i++) {
            last = BillingFacts.newAccountId();
            BillingFacts.accountOpened(UUID.randomUUID().toString(), last, "smm");
        }
        awaitLedger(last, "smm");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                environment.getRequiredProperty("spring.kafka.bootstrap-servers")))) {
            Set<TopicPartition> partitions = admin.describeTopics(List.of(Topics.BILLING_EVENTS)).allTopicNames()
                    .get().get(Topics.BILLING_EVENTS).partitions().stream()
                    .map(partition -> new TopicPartition(Topics.BILLING_EVENTS, partition.partition()))
                    .collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get().forEach((partition, end) -> ends.put(partition, end.offset()));
            String group = environment.getRequiredProperty("spring.kafka.consumer.group-id");

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                ends.forEach((partition, end) -> {
                    OffsetAndMetadata position = committed.get(partition);
                    assertThat(position == null ? 0 : position.offset()).as("committed position of %s", partition)
                            .isGreaterThanOrEqualTo(end);
                });
            });
        }
    }

    private ApiClient.Response awaitLedger(String accountId, String tenant) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/ledgers/" + accountId, bearer(TestJwts.readOnly(tenant))),
                        response -> response.status() == 200);
    }
}

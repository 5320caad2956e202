package dev.fairbill.platform.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.contracts.Topics;
import dev.fairbill.platform.PlatformTestApplication;
import dev.fairbill.platform.testsupport.FairbillTestEnvironment;
import dev.fairbill.platform.testsupport.KafkaTestMessages;

/**
 * Messages that name what this service does not know yet wait for it, in order per Kafka key, and are applied once
 * through the inbox; those that wait too long or keep failing go to the dead-letter topic. Rounds are run by the test
 * (the scheduled ones are an hour apart here), so every step is deterministic.
 */
class WaitingMessagesIT {

    private static final String TOPIC = Topics.LEDGER_REQUESTS;
    private static final int RETRY_ATTEMPTS = 3;
    private static ConfigurableApplicationContext app;
    private static InboundDispatcher dispatcher;
    private static WaitingMessageRelease release;
    private static JdbcClient jdbc;
    private static Steps steps;
    private static long offset;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(PlatformTestApplication.class, Steps.class)
                .initializers(context -> FairbillTestEnvironment.properties(FairbillTestEnvironment.newDatabase())
                        .and("spring.application.name=platform-test",
                                "fairbill.messaging.source=/fairbill/platform-test",
                                "fairbill.messaging.retry-attempts=" + RETRY_ATTEMPTS,
                                "fairbill.messaging.waiting-retry-interval=1h",
                                "fairbill.security.internal-jwt.issuer=fairbill-gateway",
                                "fairbill.security.internal-jwt.audience=fairbill-services",
                                "fairbill.security.internal-jwt.scope-family=billing",
                                "fairbill.security.internal-jwt.tenants=panel",
                                "server.port=0", "management.server.port=0")
                        .applyTo(context))
                .run();
        dispatcher = app.getBean(InboundDispatcher.class);
        release = app.getBean(WaitingMessageRelease.class);
        jdbc = app.getBean(JdbcClient.class);
        steps = app.getBean(Steps.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aMessageNotApplicableYetWaitsAndLaterMessagesOfItsKeyWaitBehindItWhileOtherKeysGoOn() {
        String a = key();
        String b = key();
        steps.known.add(b);
        var first = record(a, "a-1");

        dispatcher.dispatch(first);
        steps.known.add(a);
        dispatcher.dispatch(record(a, "a-2"));
        dispatcher.dispatch(record(b, "b-1"));

        assertThat(steps.applied(a, b)).containsExactly("b-1");
        assertThat(waiting(a)).isEqualTo(2);

        assertThat(release.release()).isEqualTo(2);
        assertThat(steps.applied(a, b)).containsExactly("b-1", "a-1", "a-2");
        assertThat(waiting(a)).isZero();

        dispatcher.dispatch(first);
        assertThat(steps.applied(a, b)).containsExactly("b-1", "a-1", "a-2");
    }

    @Test
    void aRedeliveredMessageWaitsOnceAndIsAppliedOnce() {
        String a = key();
        var message = record(a, "a-1");

        dispatcher.dispatch(message);
        dispatcher.dispatch(message);
        assertThat(waiting(a)).isEqualTo(1);

        steps.known.add(a);
        release.release();
        release.release();
        assertThat(steps.applied(a)).containsExactly("a-1");
    }

    @Test
    void aMessageStillNotApplicableAfterItsWaitGoesToTheDeadLetterTopicWithItsReason() {
        String c = key();
        var message = record(c, "c-1");
        dispatcher.dispatch(message);
        assertThat(release.release()).isZero();
        assertThat(waiting(c)).isEqualTo(1);

        jdbc.sql("UPDATE inbox_waiting SET waiting_since = waiting_since - INTERVAL '2 hours' WHERE record_key = ?")
                .param(c).update();

        assertThat(release.release()).isEqualTo(1);
        assertThat(waiting(c)).isZero();
        var dead = KafkaTestMessages.awaitRecord(Topics.deadLetterTopic(TOPIC), c, Steps.TYPE, Duration.ofSeconds(30));
        assertThat(KafkaTestMessages.header(dead, CloudEvents.ID)).isEqualTo(header(message, CloudEvents.ID));
        assertThat(KafkaTestMessages.header(dead, WaitingMessageRelease.REASON_HEADER))
                .contains("not applicable after PT1H").contains(c + " is not known yet");
        assertThat(new String(dead.value(), UTF_8)).isEqualTo(new String(message.value(), UTF_8));
    }

    @Test
    void aWaitingMessageThatNowFailsOtherwiseIsDeadLetteredAfterItsRetryAttempts() {
        String d = key();
        dispatcher.dispatch(record(d, "fail-d-1"));
        dispatcher.dispatch(record(d, "d-2"));
        steps.known.add(d);

        for (int attempt = 1; attempt < RETRY_ATTEMPTS; attempt++) {
            assertThat(release.release()).isZero();
        }
        assertThat(jdbc.sql("SELECT attempts FROM inbox_waiting WHERE record_key = ? ORDER BY seq LIMIT 1").param(d)
                .query(Integer.class).single()).isEqualTo(RETRY_ATTEMPTS - 1);
        assertThat(release.release()).isEqualTo(2);

        assertThat(steps.applied(d)).containsExactly("d-2");
        var dead = KafkaTestMessages.awaitRecord(Topics.deadLetterTopic(TOPIC), d, Steps.TYPE, Duration.ofSeconds(30));
        assertThat(KafkaTestMessages.header(dead, WaitingMessageRelease.REASON_HEADER)).contains("refused");
    }

    private static long waiting(String key) {
        return jdbc.sql("SELECT count(*) FROM inbox_waiting WHERE record_key = ?").param(key).query(Long.class)
                .single();
    }

    private static String key() {
        return "acct_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static synchronized ConsumerRecord<String, byte[]> record(String key, String step) {
        var record = new ConsumerRecord<>(TOPIC, 0, offset++, key,
                ("{\"key\": \"" + key + "\", \"name\": \"" + step + "\"}").getBytes(UTF_8));
        record.headers()
                .add(CloudEvents.SPEC_VERSION, CloudEvents.VERSION_1_0.getBytes(UTF_8))
                .add(CloudEvents.ID, UUID.randomUUID().toString().getBytes(UTF_8))
                .add(CloudEvents.TYPE, Steps.TYPE.getBytes(UTF_8))
                .add(CloudEvents.SOURCE, "/fairbill/test".getBytes(UTF_8))
                .add(CloudEvents.SUBJECT, key.getBytes(UTF_8));
        return record;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), UTF_8);
    }

    record Step(String key, String name) {
    }

    /** Applies steps of keys it knows; a step named {@code fail-…} is refused. */
    @Configuration(proxyBeanMethods = false)
    static class Steps {

        static final String TYPE = "fairbill.test.step.v1";
        final Set<String> known = ConcurrentHashMap.newKeySet();
        private final List<Step> applied = new CopyOnWriteArrayList<>();

        @Bean
        InboundHandler<Step> steps() {
            return InboundHandler.of(TYPE, Step.class, step -> {
                if (!known.contains(step.key())) {
                    throw new NotYetApplicableException(step.key() + " is not known yet", null);
                }
                if (step.name().startsWith("fail")) {
                    throw new IllegalStateException("step " + step.name() + " refused");
                }
                applied.add(step);
            });
        }

        List<String> applied(String... keys) {
            Set<String> of = Set.of(keys);
            return applied.stream().filter(step -> of.contains(step.key())).map(Step::name).toList();
        }
    }
}

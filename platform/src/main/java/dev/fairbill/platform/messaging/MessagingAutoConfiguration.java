package dev.fairbill.platform.messaging;

import java.time.Clock;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.fairbill.contracts.Topics;
import dev.fairbill.platform.testclock.TestClockAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Kafka in and out for every service: outbox publisher, inbox, waiting messages, retries and dead-letter topics. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
}, beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@EnableConfigurationProperties(MessagingProperties.class)
@EnableScheduling
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnBean(IntegrationEventMapper.class)
    public KafkaPublisher kafkaPublisher(List<IntegrationEventMapper> mappers, KafkaTemplate<String, byte[]> kafka,
                                         JsonMapper json, MessagingProperties properties) {
        return new KafkaPublisher(mappers, kafka, json, properties);
    }

    /** The Kafka publisher's segments split the events by account, the key of the messages they become. */
    @Bean(ByMessageSubject.BEAN)
    public ByMessageSubject byMessageSubject(ObjectProvider<IntegrationEventMapper> mappers) {
        return new ByMessageSubject(mappers.orderedStream().toList());
    }

    @Bean
    public InboundDispatcher inboundDispatcher(List<InboundHandler<?>> handlers, Inbox inbox, WaitingMessages waiting,
                                               JsonMapper json, MeterRegistry meters,
                                               ObjectProvider<TestClockAccounts> testClocks) {
        return new InboundDispatcher(handlers, inbox, waiting, json, meters, testClocks.getIfAvailable());
    }

    /** One consumer per topic of {@code fairbill.messaging.consumes}, none when the service consumes nothing. */
    @Bean
    public InboundListeners inboundListeners(InboundDispatcher dispatcher, MessagingProperties properties,
                                             @Value("${spring.kafka.consumer.group-id:}") String groupId) {
        return new InboundListeners(dispatcher, properties.consumes(), groupId);
    }

    @Bean
    public WaitingMessages waitingMessages(JdbcClient jdbc, Clock clock) {
        return new WaitingMessages(jdbc, clock);
    }

    @Bean
    public WaitingMessageRelease waitingMessageRelease(InboundDispatcher dispatcher, WaitingMessages waiting,
                                                     TransactionTemplate transaction,
                                                     KafkaTemplate<String, byte[]> kafka,
                                                     MessagingProperties properties, Clock clock,
                                                     MeterRegistry meters) {
        return new WaitingMessageRelease(dispatcher, waiting, transaction, kafka, properties, clock, meters);
    }

    @Bean
    public Inbox inbox(JdbcClient jdbc, TransactionTemplate transaction, Clock clock, MeterRegistry meters) {
        return new Inbox(jdbc, transaction, clock, meters);
    }

    /**
     * Retries a failing inbound message with exponential back-off, then parks it on {@code <topic>.dlt}. A message
     * that is not a valid CloudEvent goes there at once.
     */
    @Bean
    public DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> kafka, MessagingProperties properties,
                                                 MeterRegistry meters) {
        // every topic's series exists from the start, at zero, so an alert on its increase sees the first one
        Topics.ALL.forEach(topic -> meters.counter("fairbill_kafka_dead_letters_total", "topic", topic));
        var recoverer = new DeadLetterPublishingRecoverer(kafka, (record, failure) -> {
            meters.counter("fairbill_kafka_dead_letters_total", "topic", record.topic()).increment();
            return new TopicPartition(Topics.deadLetterTopic(record.topic()), -1);
        });
        var backOff = new ExponentialBackOff(properties.retryInitial().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMax().toMillis());
        backOff.setMaxAttempts(properties.retryAttempts() - 1);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedMessageException.class);
        return handler;
    }

    @Bean
    public KafkaAdmin.NewTopics fairbillTopics(MessagingProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.ALL.stream()
                .flatMap(topic -> java.util.stream.Stream.of(topic, Topics.deadLetterTopic(topic)))
                .map(topic -> TopicBuilder.name(topic).partitions(properties.partitions()).build())
                .toArray(NewTopic[]::new));
    }
}

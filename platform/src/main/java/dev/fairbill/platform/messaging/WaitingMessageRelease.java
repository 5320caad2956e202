package dev.fairbill.platform.messaging;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fairbill.contracts.Topics;
import dev.fairbill.platform.messaging.WaitingMessages.Waiter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Tries the waiting messages again every {@code fairbill.messaging.waiting-retry-interval}, oldest first per topic and
 * key. A message that now applies stops waiting in the same transaction as its effect. One that still is not
 * applicable after {@code fairbill.messaging.wait-for}, or that fails otherwise {@code retry-attempts} times, goes to
 * its topic's dead-letter topic for an operator. Replicas may all run it: each message is locked while it is tried,
 * and the inbox applies it once whatever happens.
 */
public class WaitingMessageRelease implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WaitingMessageRelease.class);
    private static final int KEYS_PER_ROUND = 100;
    static final String REASON_HEADER = "fairbill_wait_reason";

    private final InboundDispatcher dispatcher;
    private final WaitingMessages waiting;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, byte[]> kafka;
    private final MessagingProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AtomicLong waitingCount = new AtomicLong();

    public WaitingMessageRelease(InboundDispatcher dispatcher, WaitingMessages waiting,
                                 TransactionTemplate transaction, KafkaTemplate<String, byte[]> kafka,
                                 MessagingProperties properties, Clock clock, MeterRegistry meters) {
        this.dispatcher = dispatcher;
        this.waiting = waiting;
        this.transaction = transaction;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder("fairbill_inbox_waiting_messages", waitingCount, AtomicLong::get)
                .description("Inbound messages waiting for what they name to exist").register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        var interval = properties.waitingRetryInterval();
        registrar.addFixedDelayTask(new FixedDelayTask(this::releaseQuietly, interval, interval));
    }

    private void releaseQuietly() {
        try {
            release();
        } catch (RuntimeException e) {
            log.warn("Waiting messages not tried now, retrying in {}: {}", properties.waitingRetryInterval(),
                    e.toString());
        }
    }

    /** One round over the waiting messages; returns how many stopped waiting, applied or dead-lettered. */
    public int release() {
        int left = 0;
        for (Waiter head : waiting.heads(KEYS_PER_ROUND)) {
            Optional<Waiter> next = Optional.of(head);
            while (next.isPresent() && leave(next.get())) {
                left++;
                next = waiting.head(head.message().topic(), head.key());
            }
        }
        waitingCount.set(waiting.count());
        return left;
    }

    private boolean leave(Waiter waiter) {
        InboundMessage message = waiter.message();
        try {
            boolean applied = Boolean.TRUE.equals(transaction.execute(status -> {
                if (!waiting.lock(waiter.seq())) {
                    return false;
                }
                dispatcher.applyWaiting(message);
                waiting.remove(waiter.seq());
                return true;
            }));
            if (applied) {
                meters.counter("fairbill_inbox_messages_total", "topic", message.topic(), "type", message.type(),
                        "outcome", "released").increment();
            }
            return applied;
        } catch (NotYetApplicableException notYet) {
            if (clock.instant().isAfter(waiter.waitingSince().plus(properties.waitFor()))) {
                return deadLetter(waiter, "not applicable after " + properties.waitFor() + ": "
                        + notYet.getMessage());
            }
            return false;
        } catch (RuntimeException failure) {
            if (waiter.attempts() + 1 >= properties.retryAttempts()) {
                return deadLetter(waiter, failure.toString());
            }
            log.warn("Waiting message {} of type {} on {} failed, trying again in {}: {}", message.id(),
                    message.type(), message.topic(), properties.waitingRetryInterval(), failure.toString());
            try {
                waiting.failed(waiter.seq(), failure.toString());
            } catch (RuntimeException databaseAway) {
                // not counted: the next round tries again
            }
            return false;
        }
    }

    private boolean deadLetter(Waiter waiter, String reason) {
        InboundMessage message = waiter.message();
        String topic = Topics.deadLetterTopic(message.topic());
        var record = new ProducerRecord<String, byte[]>(topic, waiter.key(), message.data());
        CloudEvents.addHeaders(record.headers(), message.id(), message.type(), message.source(), message.subject(),
                message.time());
        CloudEvents.add(record.headers(), REASON_HEADER, reason);
        try {
            kafka.send(record).get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Waiting message {} could not be dead-lettered now, trying again in {}: {}", message.id(),
                    properties.waitingRetryInterval(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        waiting.remove(waiter.seq());
        meters.counter("fairbill_kafka_dead_letters_total", "topic", message.topic()).increment();
        log.warn("Waiting message {} of type {} on {} sent to {}: {}", message.id(), message.type(), message.topic(),
                topic, reason);
        return true;
    }
}

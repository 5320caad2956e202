package dev.fairbill.platform.testsupport;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real Kafka broker (KRaft mode) running inside the test JVM, shared by every test class of that JVM. */
public final class KafkaBroker {

    private static EmbeddedKafkaBroker shared;

    public static synchronized String bootstrapServers() {
        if (shared == null) {
            shared = new EmbeddedKafkaKraftBroker(1, 1)
                    .brokerProperties(Map.of(
                            "auto.create.topics.enable", "true",
                            "group.initial.rebalance.delay.ms", "0",
                            "offsets.topic.num.partitions", "1",
                            "transaction.state.log.replication.factor", "1",
                            "transaction.state.log.min.isr", "1"));
            shared.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::destroy, "kafka-broker-stop"));
        }
        return shared.getBrokersAsString();
    }

    private KafkaBroker() {
    }
}

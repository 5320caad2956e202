package dev.fairbill.localstack;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/** What is still on its way through the broker: the consumers' lag, and the messages parked on dead-letter topics. */
final class KafkaBacklog implements AutoCloseable {

    private static final String DEAD_LETTER_SUFFIX = ".dlt";

    private final Admin admin;

    KafkaBacklog(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * The consumers of each consumer group (one per service) and how many partitions each is assigned; a service's
     * replicas are one group, so with two replicas a group has twice the members, each with partitions of its own.
     */
    Map<String, List<Integer>> assignments() {
        List<String> groups = await(admin.listGroups().all()).stream().map(GroupListing::groupId).toList();
        Map<String, List<Integer>> assigned = new TreeMap<>();
        await(admin.describeConsumerGroups(groups).all()).forEach((group, description) -> assigned.put(group,
                description.members().stream().map(member -> member.assignment().topicPartitions().size())
                        .sorted().toList()));
        return assigned;
    }

    /** Messages not yet consumed, over every consumer group and partition it has committed to. */
    long consumerLag() {
        long lag = 0;
        for (GroupListing group : await(admin.listGroups().all())) {
            Map<TopicPartition, OffsetAndMetadata> committed = await(admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata());
            Map<TopicPartition, ListOffsetsResultInfo> ends = latest(committed.keySet());
            for (var offset : committed.entrySet()) {
                if (offset.getValue() != null) {
                    lag += Math.max(0, ends.get(offset.getKey()).offset() - offset.getValue().offset());
                }
            }
        }
        return lag;
    }

    /** How many messages each dead-letter topic holds, for those that hold any. */
    Map<String, Long> deadLetters() {
        List<String> topics = await(admin.listTopics().names()).stream()
                .filter(name -> name.endsWith(DEAD_LETTER_SUFFIX)).toList();
        Collection<TopicDescription> descriptions = await(admin.describeTopics(topics).allTopicNames()).values();
        List<TopicPartition> partitions = descriptions.stream().flatMap(topic -> topic.partitions().stream()
                .map(partition -> new TopicPartition(topic.name(), partition.partition()))).toList();
        Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResultInfo> latest = latest(partitions);
        Map<String, Long> held = new TreeMap<>();
        for (TopicPartition partition : partitions) {
            long messages = latest.get(partition).offset() - earliest.get(partition).offset();
            if (messages > 0) {
                held.merge(partition.topic(), messages, Long::sum);
            }
        }
        return held;
    }

    private Map<TopicPartition, ListOffsetsResultInfo> latest(Collection<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.latest());
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(Collection<TopicPartition> partitions,
                                                               OffsetSpec spec) {
        return await(admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all());
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}

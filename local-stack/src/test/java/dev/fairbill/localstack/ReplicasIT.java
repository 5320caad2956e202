package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The replica benchmark's short form: two instances of every service and two gateways on one set of databases, one
 * broker and one Redis, the realistic mix through both gateways while billing's second replica is killed with
 * {@code kill -9}. Both replicas of each service hold segments and partitions, the survivor takes the killed one's
 * segments within the documented time, the replica started again gets its share back, the books and the fault checks
 * hold, and a key's rate limit is one limit across the two gateways.
 */
class ReplicasIT {

    @Test
    void twoReplicasOfEveryServiceShareTheWorkOutliveAKilledOneAndShareTheRateLimit() throws Exception {
        try (LocalStack stack = TestStacks.start("replicas-it", LoadBenchmark::withRaisedRateLimit)) {
            var options = new ReplicasBenchmark.Options(12, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(40), 3,
                    Service.BILLING);

            ReplicasBenchmark.Result result = ReplicasBenchmark.run(stack,
                    Files.createTempDirectory("fairbill-replicas-it-replica"), options, System.out);
            ReplicasBenchmark.report(result, options, System.out);

            assertThat(result.violations()).isEmpty();
            assertThat(result.segments()).as("processors of the three services").hasSizeGreaterThanOrEqualTo(8);
            assertThat(result.limitAnswers()).as("statuses at the shared limit (a Redis answers on 6379)")
                    .hasSize(2 * ReplicasBenchmark.LIMIT_BURST);
        }
    }
}

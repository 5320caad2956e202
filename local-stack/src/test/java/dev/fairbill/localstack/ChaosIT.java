package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The fault benchmark's short form: two runs of the realistic mix, each killing a random service, the Kafka broker and
 * PostgreSQL with {@code kill -9}, which the stack's supervisor starts again. Any violation of the books or of the
 * fault checks (credits once per period, duplicates reversed once, suspensions matching disputes, nothing past its
 * deadline, retried writes answered soon after recovery) fails it, and names the seed to replay.
 */
class ChaosIT {

    @Test
    void twoRunsWithKilledServicesBrokerAndDatabaseFindNoViolation() throws Exception {
        try (LocalStack stack = TestStacks.start("chaos-it", LoadBenchmark::withRaisedRateLimit)) {
            var options = new ChaosBenchmark.Options(2, 1, 16, Duration.ofSeconds(20), 4);

            ChaosBenchmark.Result result = ChaosBenchmark.run(stack, options, System.out);

            assertThat(result.runs()).hasSize(2).allSatisfy(run -> assertThat(run.violations())
                    .as("violations of the run with seed %d", run.seed()).isEmpty());
            assertThat(stack.restarts()).as("parts the supervisor started again")
                    .containsKeys("kafka", "postgres");
        }
    }
}

package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The load benchmark's short run: the realistic mix through the gateway at 32 clients for 20 s after a short warm-up,
 * then the books. Any 5xx, timeout, I/O error, load shed without a Retry-After or broken book fails it.
 */
class LoadIT {

    @Test
    void thirtyTwoClientsGetNoServerErrorsNorTimeoutsAndLeaveTheBooksIntact() throws Exception {
        try (LocalStack stack = TestStacks.start("load-it", LoadBenchmark::withRaisedRateLimit)) {
            var options = new LoadBenchmark.Options(List.of(32), Duration.ofSeconds(20), Duration.ofSeconds(5), 4, 1);

            LoadBenchmark.Result result = LoadBenchmark.run(stack, options, System.out);

            assertThat(result.shortfalls()).isEmpty();
        }
    }
}

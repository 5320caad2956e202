package dev.fairbill.platform.web.idempotency;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Counts how often each endpoint really ran, so a replay can be told from a second execution. */
@RestController
class IdempotentTestController {

    final AtomicInteger executions = new AtomicInteger();
    final SlowRequest slow = new SlowRequest();

    @PostMapping("/things")
    ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("execution", executions.incrementAndGet(),
                "name", body.get("name")));
    }

    @PostMapping("/slow-things")
    ResponseEntity<Map<String, Object>> createSlowly(@RequestBody Map<String, Object> body)
            throws InterruptedException {
        slow.enterAndWait();
        return create(body);
    }

    @PostMapping("/async-things")
    CompletableFuture<ResponseEntity<Map<String, Object>>> createAsynchronously(
            @RequestBody Map<String, Object> body) {
        return CompletableFuture.supplyAsync(() -> create(body));
    }

    @PostMapping("/unavailable-things")
    ResponseEntity<Map<String, Object>> unavailable() {
        executions.incrementAndGet();
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", "try later"));
    }

    @PostMapping("/exploding-things")
    void explode() {
        executions.incrementAndGet();
        throw new IllegalStateException("boom");
    }

    @PostMapping("/rejected-things")
    ResponseEntity<Map<String, Object>> reject() {
        executions.incrementAndGet();
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(Map.of("error", "no"));
    }
}

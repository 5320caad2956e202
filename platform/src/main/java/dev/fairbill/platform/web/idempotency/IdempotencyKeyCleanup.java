package dev.fairbill.platform.web.idempotency;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Deletes expired keys now and then (until then the store ignores them; every replica may run it), and every second
 * finishes the claims this process could not complete or release while the database was out of reach.
 */
class IdempotencyKeyCleanup implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);
    private static final Duration UNFINISHED_RETRY = Duration.ofSeconds(1);

    private final IdempotencyKeyStore store;
    private final IdempotencyProperties properties;

    IdempotencyKeyCleanup(IdempotencyKeyStore store, IdempotencyProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // the first run waits one interval too, so that a starting service does not hit the database at once
        registrar.addFixedDelayTask(
                new FixedDelayTask(this::purge, properties.cleanupInterval(), properties.cleanupInterval()));
        registrar.addFixedDelayTask(new FixedDelayTask(store::finishUnfinished, UNFINISHED_RETRY, UNFINISHED_RETRY));
    }

    private void purge() {
        int purged = store.purgeExpired();
        log.debug("Purged {} expired idempotency keys", purged);
    }
}

package dev.fairbill.platform.web.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Deletes expired keys now and then; until then the store ignores them. Every replica may run it. */
class IdempotencyKeyCleanup implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

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
    }

    private void purge() {
        int purged = store.purgeExpired();
        log.debug("Purged {} expired idempotency keys", purged);
    }
}

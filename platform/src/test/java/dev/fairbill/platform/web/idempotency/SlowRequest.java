package dev.fairbill.platform.web.idempotency;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A request a test holds inside its controller until it lets it go on, to send a retry meanwhile. */
final class SlowRequest {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /** Called by the controller: waits until the test releases it (at most 10 s). */
    void enterAndWait() throws InterruptedException {
        entered.countDown();
        if (!released.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the slow request");
        }
    }

    boolean awaitEntered() throws InterruptedException {
        return entered.await(10, TimeUnit.SECONDS);
    }

    void release() {
        released.countDown();
    }
}

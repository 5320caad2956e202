package dev.fairbill.billing.payment;

/** The pause before a processor call is made again under the same key: 250 ms, then doubling with each attempt. */
final class BackOff {

    private static final long FIRST_PAUSE_MILLIS = 250;

    private BackOff() {
    }

    /**
     * Waits before attempt {@code attempt + 1} (0 for the first retry).
     *
     * @return false if the thread was interrupted (its flag set again): the caller gives up
     */
    static boolean pause(int attempt) {
        try {
            Thread.sleep(FIRST_PAUSE_MILLIS << attempt);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

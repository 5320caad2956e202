package dev.fairbill.platform.testclock;

/**
 * An aggregate or saga whose time-based rules follow its account's test clock when the account is on one. Its
 * commands, deadlines and events are handled at that clock's time, and the deadlines they set wait for the clock.
 */
public interface OnTestClock {

    /** What {@link #testClockAccount()} answers while the instance does not know its account yet. */
    String FROM_MESSAGE = "";

    /**
     * The account whose test clock to look up; null when this instance is surely on the wall clock, and
     * {@link #FROM_MESSAGE} when it does not know its account yet (the account the message names is used).
     */
    String testClockAccount();
}

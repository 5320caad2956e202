package dev.fairbill.platform.jdbc;

import java.util.Locale;

/** What to do when a thread asks for a second pooled connection while it holds one. */
public enum NestedConnectionPolicy {
    /** Log it with the stack and count it ({@code fairbill_db_nested_connections_total}), then serve it. */
    WARN,
    /** Refuse it: the caller fails at once instead of risking a pool deadlock. Tests run with this. */
    FAIL;

    static NestedConnectionPolicy parse(String setting) {
        try {
            return valueOf(setting.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalStateException(ConnectionGuardAutoConfiguration.POLICY + " is '" + setting
                    + "'; it must be warn or fail");
        }
    }
}

package dev.fairbill.platform.collect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps at most {@code maxEntries}, dropping the least recently used entry (read or written) to make
 * room. Not thread-safe: callers synchronise on it.
 */
public final class BoundedLruMap<K, V> extends LinkedHashMap<K, V> {

    private final int maxEntries;

    public BoundedLruMap(int maxEntries) {
        super(Math.min(maxEntries, 1024), 0.75f, true);
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a bounded map keeps at least one entry");
        }
        this.maxEntries = maxEntries;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
    }
}

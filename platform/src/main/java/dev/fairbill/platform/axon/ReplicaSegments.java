package dev.fairbill.platform.axon;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Shares the tracking processors' segments among the service's running replicas. Axon's tracking processors claim
 * segments in the token store, but a replica claims every segment it can: the first replica up would do all the work
 * while the others idle, and one that comes back after a restart would get nothing. So each replica writes a heartbeat
 * ({@code service_replicas}) and, every {@code interval}, for each processor, counts the segments each live replica
 * holds (the token store's owners); a replica holding two or more segments more than the least busy live replica
 * releases one for a while, and an idle thread of another replica claims it. Replicas end within one segment of each
 * other. A replica that dies stops writing its heartbeat and its claims run out after the token claim timeout; the
 * others' idle threads claim its segments (each replica runs a thread per segment, so any one of them can carry every
 * segment alone).
 *
 * <p>Per processor it reports the segments this replica holds ({@code fairbill_processor_segments_held}) and those no
 * live replica holds ({@code fairbill_processor_segments_unprocessed}, the same on every replica): a segment nobody
 * holds for long means events nobody handles.
 *
 * <p>It also refuses to start a tracking processor with fewer threads than the configured segment count, since such a
 * processor could not carry the segments of a replica that is gone.
 */
public final class ReplicaSegments implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSegments.class);
    static final String HELD = "fairbill.processor.segments.held";
    static final String UNPROCESSED = "fairbill.processor.segments.unprocessed";

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final String node;
    private final int segments;
    private final Duration claimTimeout;
    private final Duration interval;
    private final MeterRegistry meters;
    private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> unprocessed = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    /**
     * @param node         the name this replica claims tokens under
     * @param segments     the segments every tracking processor has; each needs as many threads
     * @param claimTimeout how long a claim lasts without being extended; a replica silent that long is gone
     * @param interval     how often the heartbeat is written and the segments compared
     * @param meters       where the segments held and unprocessed are reported
     */
    public ReplicaSegments(EventProcessingConfiguration processing, JdbcClient jdbc, String node, int segments,
                           Duration claimTimeout, Duration interval, MeterRegistry meters) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.node = node;
        this.segments = segments;
        this.claimTimeout = claimTimeout;
        this.interval = interval;
        this.meters = meters;
    }

    @Override
    public void start() {
        Map<String, Integer> threads = new TreeMap<>();
        trackingProcessors().forEach((name, processor) -> {
            if (processor instanceof TrackingEventProcessor tracking) {
                threads.put(name, tracking.maxCapacity());
            }
        });
        SegmentThreads.checkReplicas(threads, segments);
        trackingProcessors().keySet().forEach(name -> {
            Gauge.builder(HELD, held.computeIfAbsent(name, n -> new AtomicInteger()), AtomicInteger::get)
                    .description("Segments of the processor this replica holds").tag("processor", name)
                    .register(meters);
            Gauge.builder(UNPROCESSED, unprocessed.computeIfAbsent(name, n -> new AtomicInteger()),
                            AtomicInteger::get)
                    .description("Segments of the processor that no running replica holds: their events wait")
                    .tag("processor", name).register(meters);
        });
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("replica-segments").factory());
        scheduler.scheduleWithFixedDelay(this::balanceSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        try {
            jdbc.sql("DELETE FROM service_replicas WHERE node = ?").param(node).update();
        } catch (DataAccessException e) {
            LOG.atInfo().setMessage("replica not removed from service_replicas; it counts as live until its "
                    + "heartbeat is older than the claim timeout").addKeyValue("node", node).log();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the processors have started (they start in phase {@code Integer.MAX_VALUE / 2}), before the web server. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2 + 1;
    }

    private void balanceSafely() {
        try {
            balance();
        } catch (RuntimeException e) {
            // the database may be restarting: the next round tries again, and the claims keep working meanwhile
            LOG.atWarn().setMessage("segments not compared with the other replicas this round")
                    .addKeyValue("error", e.toString()).log();
        }
    }

    /** Writes this replica's heartbeat, then releases one segment of each processor this replica holds too many of. */
    void balance() {
        jdbc.sql("""
                INSERT INTO service_replicas (node, heartbeat_at, started_at) VALUES (?, now(), now())
                ON CONFLICT (node) DO UPDATE SET heartbeat_at = now()""").param(node).update();
        Set<String> live = Set.copyOf(jdbc.sql("SELECT node FROM service_replicas WHERE heartbeat_at > now() - ?"
                        + " * interval '1 millisecond'").param(claimTimeout.toMillis()).query(String.class).list());
        Map<String, Map<String, Integer>> owned = new HashMap<>();
        jdbc.sql("SELECT processorname, coalesce(owner, '') AS owner, count(*) AS held FROM tokenentry "
                + "GROUP BY processorname, owner").query(row -> {
                    owned.computeIfAbsent(row.getString("processorname"), name -> new HashMap<>())
                            .merge(row.getString("owner"), row.getInt("held"), Integer::sum);
                });
        trackingProcessors().forEach((name, processor) -> {
            Map<String, Integer> owners = owned.getOrDefault(name, Map.of());
            Set<Integer> claimed = processor.processingStatus().keySet();
            int mine = claimed.size();
            held.computeIfAbsent(name, n -> new AtomicInteger()).set(mine);
            unprocessed.computeIfAbsent(name, n -> new AtomicInteger()).set(owners.entrySet().stream()
                    .filter(owner -> !live.contains(owner.getKey())).mapToInt(Map.Entry::getValue).sum());
            int leastOther = live.stream().filter(other -> !other.equals(node))
                    .mapToInt(other -> owners.getOrDefault(other, 0)).min().orElse(mine);
            if (mine - leastOther >= 2) {
                int segment = claimed.stream().max(Integer::compare).orElseThrow();
                LOG.atInfo().setMessage("segment released for a less busy replica").addKeyValue("processor", name)
                        .addKeyValue("segment", segment).addKeyValue("held", mine)
                        .addKeyValue("leastHeldByAnother", leastOther).log();
                processor.releaseSegment(segment, claimTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** This replica's running tracking processors, by name. */
    private Map<String, StreamingEventProcessor> trackingProcessors() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> (StreamingEventProcessor) entry.getValue()));
    }
}

package dev.fairbill.platform.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.EventProcessorProperties.Mode;
import org.axonframework.springboot.EventProcessorProperties.ProcessorSettings;

/**
 * A tracking processor works one segment per thread: a segment without a thread is never processed, and its events
 * (a dispute's consequences, say) wait forever. A service whose settings give a tracking processor more segments than
 * threads refuses to start and names the processor. So does one whose processors have fewer threads than
 * {@code fairbill.axon.segments}: they were not split into that many segments, and the replicas could not share them.
 */
final class SegmentThreads {

    private SegmentThreads() {
    }

    static void check(EventProcessorProperties properties) {
        List<String> unprocessed = new ArrayList<>();
        for (Map.Entry<String, ProcessorSettings> processor : properties.getProcessors().entrySet()) {
            ProcessorSettings settings = processor.getValue();
            Integer segments = settings.getInitialSegmentCount();
            if (settings.getMode() == Mode.TRACKING && segments != null && segments > settings.getThreadCount()) {
                unprocessed.add("%s (%d segments, %d threads)".formatted(processor.getKey(), segments,
                        settings.getThreadCount()));
            }
        }
        if (!unprocessed.isEmpty()) {
            throw new IllegalStateException("tracking processors with more segments than threads would leave "
                    + "segments unprocessed: " + String.join(", ", unprocessed) + "; set axon.eventhandling.processors."
                    + "<name>.thread-count to at least its initial-segment-count");
        }
    }

    /**
     * Refuses tracking processors ({@code threads}: each one's threads, by name) with fewer threads than the
     * {@code segments} every processor is split into, so that a replica can carry all of them when the others are gone.
     */
    static void checkReplicas(Map<String, Integer> threads, int segments) {
        List<String> short_ = threads.entrySet().stream().filter(processor -> processor.getValue() < segments)
                .map(processor -> processor.getKey() + " (" + processor.getValue() + " threads)").toList();
        if (!short_.isEmpty()) {
            throw new IllegalStateException("tracking processors with fewer threads than the " + segments
                    + " segments of fairbill.axon.segments could not carry the segments of a replica that is gone: "
                    + String.join(", ", short_) + "; set axon.eventhandling.processors.<name>.thread-count and "
                    + "initial-segment-count to ${fairbill.axon.segments}");
        }
    }
}

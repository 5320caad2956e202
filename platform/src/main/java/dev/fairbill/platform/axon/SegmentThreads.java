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
 * threads refuses to start and names the processor.
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
}

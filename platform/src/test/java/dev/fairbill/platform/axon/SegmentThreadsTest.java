package dev.fairbill.platform.axon;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.EventProcessorProperties.Mode;
import org.axonframework.springboot.EventProcessorProperties.ProcessorSettings;
import org.junit.jupiter.api.Test;

class SegmentThreadsTest {

    @Test
    void aTrackingProcessorWithMoreSegmentsThanThreadsIsRefusedByName() {
        var properties = properties("dispute-consequences", Mode.TRACKING, 4, 2);

        assertThatThrownBy(() -> SegmentThreads.check(properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dispute-consequences (4 segments, 2 threads)");
    }

    @Test
    void aThreadForEverySegmentOrNoSegmentCountOrAnotherModeIsAccepted() {
        assertThatCode(() -> SegmentThreads.check(properties("a", Mode.TRACKING, 4, 4))).doesNotThrowAnyException();
        assertThatCode(() -> SegmentThreads.check(properties("b", Mode.TRACKING, null, 1)))
                .doesNotThrowAnyException();
        assertThatCode(() -> SegmentThreads.check(properties("c", Mode.POOLED, 16, 2))).doesNotThrowAnyException();
    }

    @Test
    void aTrackingProcessorWithFewerThreadsThanTheReplicasSegmentsIsRefusedByName() {
        assertThatThrownBy(() -> SegmentThreads.checkReplicas(Map.of("kafka-publisher", 4, "ledger-journal", 2), 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ledger-journal (2 threads)")
                .hasMessageNotContaining("kafka-publisher");
        assertThatCode(() -> SegmentThreads.checkReplicas(Map.of("kafka-publisher", 4, "ledger-journal", 8), 4))
                .doesNotThrowAnyException();
    }

    private static EventProcessorProperties properties(String name, Mode mode, Integer segments, int threads) {
        var settings = new ProcessorSettings();
        settings.setMode(mode);
        settings.setInitialSegmentCount(segments);
        settings.setThreadCount(threads);
        var properties = new EventProcessorProperties();
        properties.getProcessors().put(name, settings);
        return properties;
    }
}

package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code ./run-local.sh} when a start fails: it says why and shows the end of the failing part's log. (A start that
 * succeeds, and its screen, is {@link OpenApiIT}'s stack.)
 */
class FirstScreenIT {

    @Test
    void aFailedStartSaysWhyAndShowsTheEndOfTheLog() throws Exception {
        Path data = Files.createTempDirectory("fairbill-failed-start");
        // every service is told to read settings from a file that is not there, and refuses to start
        try (RunLocal launcher = RunLocal.start(data, Map.of("SPRING_CONFIG_IMPORT",
                "file:/nonexistent/fairbill-settings.yml"))) {
            Integer exit = launcher.awaitExit();
            String shown = String.join("\n", launcher.screen());
            assertThat(exit).as(shown).isEqualTo(1);
            assertThat(shown).contains("Fairbill local stack failed to start:", "exited with", "which ends:",
                    "fairbill-settings.yml", "Logs: " + data.resolve("logs"));
            assertThat(shown).doesNotContain("WARNING: A restricted method", "testcontainers");
        }
    }
}

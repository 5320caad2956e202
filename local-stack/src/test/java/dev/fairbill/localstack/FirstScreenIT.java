package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@code ./run-local.sh} as a newcomer runs it: progress lines, then the banner, and nothing from the libraries or
 * the JDK on the screen; a start that fails says why and shows the end of the failing part's log.
 */
class FirstScreenIT {

    private static final String BANNER_END = "Press Ctrl-C to stop.";

    @Test
    void aStartShowsProgressLinesThenTheBannerAndNothingElse() throws Exception {
        Path data = Files.createTempDirectory("fairbill-first-screen");
        Process launcher = runLocal(data, Map.of());
        List<String> screen = new ArrayList<>();
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> readUntil(launcher, screen, BANNER_END));
        try {
            read.get(4, TimeUnit.MINUTES);
        } finally {
            launcher.destroy();
            launcher.waitFor(1, TimeUnit.MINUTES);
        }
        String shown = String.join("\n", screen);
        int banner = screen.indexOf("");
        assertThat(banner).as(shown).isPositive();
        assertThat(screen.subList(0, banner)).as(shown)
                .allMatch(line -> line.startsWith("Starting ") || line.startsWith("Building Fairbill"));
        assertThat(screen.subList(0, banner)).as(shown).anyMatch(line -> line.startsWith("Starting gateway"));
        assertThat(screen.get(banner + 1)).startsWith("Fairbill is running.");
        assertThat(screen.getLast()).isEqualTo(BANNER_END);
        assertThat(shown).doesNotContain("WARNING", "INFO", "ERROR", "Exception", "testcontainers", "\tat ");
        assertThat(data.resolve("logs/postgres.log")).as("the database's own lines go to its log").isNotEmptyFile();
    }

    @Test
    void aFailedStartSaysWhyAndShowsTheEndOfTheLog() throws Exception {
        Path data = Files.createTempDirectory("fairbill-failed-start");
        // every service is told to read settings from a file that is not there, and refuses to start
        Process launcher = runLocal(data, Map.of("SPRING_CONFIG_IMPORT", "file:/nonexistent/fairbill-settings.yml"));
        List<String> screen = new ArrayList<>();
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> readUntil(launcher, screen, null));
        boolean exited = launcher.waitFor(4, TimeUnit.MINUTES);
        if (!exited) {
            launcher.destroyForcibly();
        }
        read.get(1, TimeUnit.MINUTES);
        String shown = String.join("\n", screen);
        assertThat(exited).as(shown).isTrue();
        assertThat(launcher.exitValue()).as(shown).isEqualTo(1);
        assertThat(shown).contains("Fairbill local stack failed to start:", "exited with", "which ends:",
                "fairbill-settings.yml", "Logs: " + data.resolve("logs"));
        assertThat(shown).doesNotContain("WARNING: A restricted method", "testcontainers");
    }

    private static Process runLocal(Path data, Map<String, String> environment) throws IOException {
        Path root = Path.of(System.getProperty("fairbill.root", "..")).toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("run-local.sh").toString())
                .directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("FAIRBILL_DATA", data.toString());
        builder.environment().put("FAIRBILL_FREE_PORTS", "true");
        // without recording the ahead-of-time caches, which takes a minute and shows nothing on the screen
        builder.environment().put("FAIRBILL_AOT_CACHE", "false");
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Reads the launcher's screen into {@code screen} until {@code last} is shown, or to the end. */
    private static void readUntil(Process launcher, List<String> screen, String last) {
        try (var lines = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (screen) {
                    screen.add(line);
                }
                if (line.equals(last)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

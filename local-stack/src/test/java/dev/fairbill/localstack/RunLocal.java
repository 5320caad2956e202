package dev.fairbill.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./run-local.sh} run as a newcomer runs it, with its own data directory and free ports: what it shows on the
 * screen, and the gateway it starts. Closing it stops the stack as Ctrl-C would.
 */
final class RunLocal implements AutoCloseable {

    static final String BANNER_END = "Press Ctrl-C to stop.";
    private static final Pattern GATEWAY = Pattern.compile("Everything goes through the gateway: (http://\\S+)");

    private final Process launcher;
    private final List<String> screen = new ArrayList<>();

    private RunLocal(Process launcher) {
        this.launcher = launcher;
    }

    /** Starts the script; {@code environment} adds to or overrides the settings. */
    static RunLocal start(Path data, Map<String, String> environment) throws IOException {
        Path root = Path.of(System.getProperty("fairbill.root", "..")).toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("run-local.sh").toString())
                .directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("FAIRBILL_DATA", data.toString());
        builder.environment().put("FAIRBILL_FREE_PORTS", "true");
        // without recording the ahead-of-time caches, which takes a minute and shows nothing on the screen
        builder.environment().put("FAIRBILL_AOT_CACHE", "false");
        builder.environment().putAll(environment);
        return new RunLocal(builder.start());
    }

    /** Reads the screen until the banner's last line, or to the end when the launcher exits first. */
    List<String> awaitBanner() throws Exception {
        CompletableFuture.runAsync(() -> readUntil(BANNER_END)).get(4, TimeUnit.MINUTES);
        return screen();
    }

    /** Waits for the launcher to exit, reading all it shows; its exit status, or null if it did not exit. */
    Integer awaitExit() throws Exception {
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> readUntil(null));
        boolean exited = launcher.waitFor(4, TimeUnit.MINUTES);
        if (!exited) {
            launcher.destroyForcibly();
        }
        read.get(1, TimeUnit.MINUTES);
        return exited ? launcher.exitValue() : null;
    }

    List<String> screen() {
        synchronized (screen) {
            return List.copyOf(screen);
        }
    }

    String gatewayUrl() {
        for (String line : screen()) {
            Matcher gateway = GATEWAY.matcher(line);
            if (gateway.find()) {
                return gateway.group(1);
            }
        }
        throw new IllegalStateException("no gateway on the screen:\n" + String.join("\n", screen()));
    }

    @Override
    public void close() throws InterruptedException {
        launcher.destroy();
        if (!launcher.waitFor(1, TimeUnit.MINUTES)) {
            launcher.destroyForcibly();
        }
    }

    private void readUntil(String last) {
        try {
            var lines = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (screen) {
                    screen.add(line);
                }
                if (line.equals(last)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

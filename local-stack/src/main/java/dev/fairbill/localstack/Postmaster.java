package dev.fairbill.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * The embedded PostgreSQL's server process, found through the pid file in its data directory, and the command line it
 * was started with, so that it can be started again in the same way after it was killed. A restarted server recovers
 * from its write-ahead log like any PostgreSQL after a crash.
 */
final class Postmaster {

    private final List<String> command;
    private volatile ProcessHandle process;

    private Postmaster(List<String> command, ProcessHandle process) {
        this.command = List.copyOf(command);
        this.process = process;
    }

    /** The server running on {@code dataDirectory}. */
    static Postmaster find(Path dataDirectory) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().trim());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("PostgreSQL's pid " + pid + " is not running"));
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as root, the embedded server starts in a user namespace of its own, where it is not root
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(process.info().command()
                .orElseThrow(() -> new IllegalStateException("cannot read PostgreSQL's command line")));
        command.addAll(List.of(process.info().arguments().orElse(new String[0])));
        return new Postmaster(command, process);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** {@code kill -9}: the server's sessions end without a shutdown checkpoint. */
    void kill() {
        LocalStack.killAndWait(process);
    }

    /**
     * Starts the server again with its original command line, its output appended to {@code log}. While the killed
     * server's sessions are still exiting it refuses to start; the caller tries again.
     */
    void restart(Path log) throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start().toHandle();
    }
}

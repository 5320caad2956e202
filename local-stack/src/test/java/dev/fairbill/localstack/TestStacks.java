package dev.fairbill.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts a whole local stack for an integration test class: the packaged jars on free ports, data in a temp dir. */
final class TestStacks {

    static LocalStack start(String name) throws IOException {
        Path root = Path.of(System.getProperty("fairbill.root", "..")).toAbsolutePath().normalize();
        var settings = StackSettings.onFreePorts(root, Files.createTempDirectory("fairbill-" + name));
        LocalStack stack = new LocalStack(settings, LocalStackIT.quiet());
        stack.start();
        return stack;
    }

    private TestStacks() {
    }
}

package dev.fairbill.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Starts a whole local stack for an integration test class: the packaged jars on free ports, data in a temp dir. */
final class TestStacks {

    static LocalStack start(String name) throws IOException {
        return start(name, UnaryOperator.identity());
    }

    /** A stack whose settings {@code customize} adjusts, e.g. with shorter saga timings for one service. */
    static LocalStack start(String name, UnaryOperator<StackSettings> customize) throws IOException {
        Path root = Path.of(System.getProperty("fairbill.root", "..")).toAbsolutePath().normalize();
        var settings = customize.apply(StackSettings.onFreePorts(root, Files.createTempDirectory("fairbill-" + name)));
        LocalStack stack = new LocalStack(settings, LocalStackIT.quiet());
        stack.start();
        return stack;
    }

    private TestStacks() {
    }
}

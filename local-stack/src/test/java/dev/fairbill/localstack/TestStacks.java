package dev.fairbill.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts a whole local stack for an integration test class: the packaged jars on free ports, data in a temp dir. */
final class TestStacks {

    private static LocalStack shared;

    /**
     * The stack the test classes that need nothing special share (their accounts never meet): started by the first of
     * them, stopped once all tests have run. Starting one stack for all of them saves CI minutes. A class that uses it
     * is annotated {@code @ExtendWith(TestStacks.Shared.class)}.
     */
    static synchronized LocalStack shared() throws IOException {
        if (shared == null) {
            shared = start("shared");
        }
        return shared;
    }

    private static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** Stops the shared stack when the test run ends (the root context's store closes what it holds). */
    static final class Shared implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.create(Shared.class))
                    .computeIfAbsent("stop", key -> (AutoCloseable) TestStacks::stopShared, AutoCloseable.class);
        }
    }

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

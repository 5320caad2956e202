package dev.fairbill.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The local stack and its benchmarks run the services' JVMs as the image does, so what they measure is what runs. */
class RuntimeJvmOptionsTest {

    private static final Pattern JAVA_TOOL_OPTIONS = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"");

    @Test
    void theImageRunsEveryServiceWithTheLocalStacksRuntimeOptions() throws IOException {
        Matcher options = JAVA_TOOL_OPTIONS.matcher(Files.readString(Path.of("..", "Dockerfile")));

        assertThat(options.find()).as("the Dockerfile sets JAVA_TOOL_OPTIONS").isTrue();
        List<String> imageOptions = Arrays.asList(options.group(1).split(" "));
        assertThat(imageOptions).containsAll(LocalStack.RUNTIME_JVM_OPTIONS);
        assertThat(LocalStack.RUNTIME_JVM_OPTIONS).contains("-XX:+UseCompactObjectHeaders");
    }
}

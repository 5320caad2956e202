package dev.fairbill.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How a service's JVM is launched with an ahead-of-time cache (Java 25: classes loaded and linked, and method
 * profiles, from the cache instead of from the jars). The cache holds only classes of the JVM's own class loaders, so
 * the service runs from its jar extracted ({@code -Djarmode=tools extract}: the application jar and its libraries as
 * plain jars on the class path) rather than from the nested jars of the executable one.
 *
 * <p>The first start records the cache (written when the service stops normally); every later start uses it. A new
 * build of the jar replaces the extracted copy and drops its cache. On with {@code -Dfairbill.aot-cache=true}
 * ({@code run-local.sh} and the start-up benchmark) and a JVM of release 25 or later; the other benchmarks measure
 * steady state and run without, since a recording start runs slower.
 */
final class AotLaunch {

    private static final int AOT_CACHE_RELEASE = 25;

    private final Path directory;
    private final String java;

    /** @param directory where each service's extracted jar and cache live, one directory per service */
    AotLaunch(Path directory, String java) {
        this.directory = directory;
        this.java = java;
    }

    static boolean enabled() {
        return Runtime.version().feature() >= AOT_CACHE_RELEASE
                && Boolean.parseBoolean(System.getProperty("fairbill.aot-cache", "false"));
    }

    /** The arguments after the JVM options that run {@code jar}: the cache option, {@code -jar}, the jar. */
    List<String> arguments(String module, Path jar) throws IOException, InterruptedException {
        Path extracted = directory.resolve(module);
        Path applicationJar = extracted.resolve(module + ".jar");
        Path cache = extracted.resolve(module + ".aot");
        FileTime built = Files.getLastModifiedTime(jar);
        if (!Files.isRegularFile(applicationJar) || Files.getLastModifiedTime(applicationJar).compareTo(built) < 0) {
            Files.deleteIfExists(cache);
            extract(jar, extracted);
            Files.setLastModifiedTime(applicationJar, built);
        }
        String cacheOption = Files.isRegularFile(cache) ? "-XX:AOTCache=" + cache : "-XX:AOTCacheOutput=" + cache;
        // classes the cache cannot hold (generated, or defined by another class loader) are only warned about
        return List.of(cacheOption, "-Xlog:aot*=error,cds*=error", "-jar", applicationJar.toString());
    }

    private void extract(Path jar, Path destination) throws IOException, InterruptedException {
        Files.createDirectories(destination);
        Process process = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract",
                "--destination", destination.toString(), "--force")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("could not extract " + jar + " into " + destination);
        }
    }
}

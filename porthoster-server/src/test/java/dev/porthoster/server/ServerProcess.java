package dev.porthoster.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The porthoster server in a JVM of its own, started with the launcher's options (bin/jvm-options) and the test's
 * module path, its output collected as it comes. For what only a real process shows: how it exits, and GraalJS with
 * its JIT.
 */
final class ServerProcess implements AutoCloseable {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final CompletableFuture<Void> reader;

    private ServerProcess(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        reader = CompletableFuture.runAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Starts {@code porthoster ARGS...} with the launcher's JVM options plus {@code jvmOptions}, and waits until it
     * serves (or fails the test with what it printed).
     */
    static ServerProcess start(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        for (String option : Files.readAllLines(Path.of("..", "bin", "jvm-options"))) {
            if (!option.isBlank() && !option.strip().startsWith("#")) {
                command.add(option.strip());
            }
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("--add-modules", "ALL-MODULE-PATH", "--module-path", System.getProperty("jdk.module.path"),
                "-m", "dev.porthoster.server/dev.porthoster.server.Main"));
        command.addAll(List.of(args));
        ServerProcess server = new ServerProcess(command);
        Await.until(() -> server.output().contains("Ctrl-C to stop") || !server.process.isAlive(), 90, server::output);
        if (!server.output().contains("Ctrl-C to stop")) {
            server.close();
            throw new AssertionError("the server did not start:\n" + server.output());
        }
        return server;
    }

    /** The JVM options that put the Graal compiler on the upgrade module path, as ./porthoster does. */
    static List<String> graalJit() {
        return List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                "--upgrade-module-path=" + Path.of("target", "jit").toAbsolutePath());
    }

    /** Everything printed so far. */
    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    Process process() {
        return process;
    }

    /** Waits for the process to end by itself; whether it did within {@code seconds}. */
    boolean exitsWithin(int seconds) throws InterruptedException {
        boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
        if (ended) {
            reader.orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        return ended;
    }

    /** SIGTERM, then SIGKILL if it lingers. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

package dev.porthoster.engine.tck;

import dev.porthoster.core.Broker;
import dev.porthoster.core.HandlerStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The servers the oracle compares: Node running {@code node-runner.mjs} over a folder, and a broker on an engine. */
final class OracleServers {

    /** What became of one handler file on a server: the loopback port it serves on, or why it was refused. */
    sealed interface Outcome {
        record Serving(int port) implements Outcome { }

        record Refused(String reason) implements Outcome { }
    }

    /** A server over the oracle's folder. */
    interface Server extends AutoCloseable {
        Outcome outcome(String file);

        @Override
        void close();
    }

    private OracleServers() {
    }

    /** The version of the {@code node} on the PATH ({@code v20.11.1}), or empty when there is none. */
    static Optional<String> nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Starts {@code node runner --folder dir} and waits (at most 60 s) until it serves every file. What the handlers
     * log goes to {@code node-runner.log} beside {@code dir}.
     */
    static Server node(Path runner, Path dir) {
        Process process;
        try {
            process = new ProcessBuilder("node", runner.toString(), "--folder", dir.toString())
                    .redirectError(dir.resolveSibling("node-runner.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node", e);
        }
        Map<String, Outcome> outcomes = new HashMap<>();
        CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> {
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String line = out.readLine(); line != null && !line.equals("ready"); line = out.readLine()) {
                    String[] w = line.split(" ", 3);
                    synchronized (outcomes) {
                        outcomes.put(w[1], w[0].equals("serving") ? new Outcome.Serving(Integer.parseInt(w[2]))
                                : new Outcome.Refused(w.length > 2 ? w[2] : ""));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            ready.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("node-runner did not get ready within 60 s: " + e, e);
        }
        return new Server() {
            @Override
            public Outcome outcome(String file) {
                synchronized (outcomes) {
                    return outcomes.getOrDefault(file, new Outcome.Refused("node-runner did not serve " + file));
                }
            }

            @Override
            public void close() {
                process.destroy();
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        };
    }

    /** A broker over {@code dir} on {@code engine}, every handler on an ephemeral loopback port. */
    static Server broker(String engine, Path dir) {
        Broker broker = Broker.builder(dir)
                .engine(engine)
                .bindAddress(InetAddress.getLoopbackAddress())
                .bindPort(spec -> 0)
                .callbackLimit(Duration.ofSeconds(60)) // a correctness test on a loaded machine, not a speed limit
                .openTimeout(Duration.ofMinutes(3))
                .build()
                .start();
        Map<String, Outcome> outcomes = new HashMap<>();
        List<HandlerStatus> status = broker.status();
        for (HandlerStatus s : status) {
            String file = s.file().getFileName().toString();
            switch (s) {
                case HandlerStatus.Serving serving -> outcomes.put(file, new Outcome.Serving(serving.address().getPort()));
                case HandlerStatus.Refused refused -> outcomes.put(file, new Outcome.Refused(refused.reason()));
            }
        }
        return new Server() {
            @Override
            public Outcome outcome(String file) {
                return outcomes.getOrDefault(file, new Outcome.Refused("the broker did not serve " + file));
            }

            @Override
            public void close() {
                broker.close();
            }
        };
    }

    /** Writes {@code text} to {@code dir/name}, making folders. */
    static void write(Path dir, String name, byte[] bytes) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

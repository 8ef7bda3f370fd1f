package dev.porthoster.core;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.Protocol;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.api.spi.HandlerLog;
import dev.porthoster.api.spi.ScriptEngine;
import dev.porthoster.api.spi.SharedStore;
import dev.porthoster.api.spi.Transport;
import dev.porthoster.core.internal.HandlerLogs;
import dev.porthoster.core.internal.MemorySharedStore;
import dev.porthoster.core.internal.PortRuntime;
import dev.porthoster.core.internal.Providers;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Serves a content root: scans it into a {@link Plan}, loads every entry point into the chosen script engine, binds
 * its port on the chosen transport and hands it every connection or datagram. A handler that fails to load is
 * refused with its file and line; the others keep serving.
 *
 * <pre>{@code
 * try (Broker broker = Broker.builder(Path.of("port")).bindAddress(InetAddress.getLoopbackAddress()).build()) {
 *     broker.start();
 *     broker.status().forEach(System.out::println);
 *     ...
 * }
 * }</pre>
 */
public final class Broker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.porthoster.broker");

    private final Path root;
    private final InetAddress bindAddress;
    private final Plan.Options planOptions;
    private final Optional<String> engineId;
    private final Optional<String> transportId;
    private final int loops;
    private final long openTimeoutMillis;
    private final SharedStore store;

    private ScriptEngine engine;
    private Transport transport;
    private Plan plan;
    private final List<PortRuntime> serving = new ArrayList<>();
    private final List<HandlerStatus> statuses = new ArrayList<>();
    private boolean started;
    private boolean closed;

    private Broker(Builder b) {
        this.root = b.root.toAbsolutePath().normalize();
        this.bindAddress = b.bindAddress;
        this.planOptions = new Plan.Options(b.serveUnderscored, b.reserved);
        this.engineId = b.engineId;
        this.transportId = b.transportId;
        this.loops = b.loops;
        this.openTimeoutMillis = b.openTimeoutMillis;
        this.store = b.store.orElseGet(() -> new MemorySharedStore(b.storeCapBytes,
                () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime())));
    }

    /** A builder for a broker serving {@code contentRoot}. */
    public static Builder builder(Path contentRoot) {
        return new Builder(contentRoot);
    }

    /**
     * Scans the content root, loads every entry point and binds its socket. Returns when every entry point is serving
     * or refused; see {@link #status()}.
     *
     * @throws IllegalStateException when no script engine or transport can be found (the message names the jar to
     *                               add), or when called twice
     */
    public synchronized Broker start() {
        if (started) {
            throw new IllegalStateException("this broker was already started");
        }
        started = true;
        plan = Plan.scan(root, planOptions);
        engine = Providers.engine(engineId).create();
        transport = Providers.transport(transportId).create(loops);
        LOG.log(Level.INFO, "engine: {0}", engine.describe());
        for (Plan.Refusal r : plan.refusals()) {
            statuses.add(new HandlerStatus.Refused(r.file(), r.message()));
            LOG.log(Level.WARNING, r.message());
        }

        List<EventLoop> eventLoops = transport.loops();
        List<Pending> pending = new ArrayList<>();
        int next = 0;
        for (Plan.EntryPoint entry : plan.entryPoints()) {
            EventLoop loop = eventLoops.get(next++ % eventLoops.size());
            pending.add(new Pending(entry, loop, load(entry, loop)));
        }
        for (Pending p : pending) {
            finishStart(p);
        }
        return this;
    }

    private record Pending(Plan.EntryPoint entry, EventLoop loop, CompletableFuture<HandlerInstance> instance) { }

    private CompletableFuture<HandlerInstance> load(Plan.EntryPoint entry, EventLoop loop) {
        HandlerHost host = new Host(entry.spec(), root, entry.file(), loop, store, HandlerLogs.of(entry.spec()));
        CompletableFuture<HandlerInstance> result = new CompletableFuture<>();
        loop.execute(() -> {
            HandlerInstance instance;
            try {
                instance = engine.load(host);
            } catch (HandlerLoadException | RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            instance.open().whenComplete((ok, error) -> {
                if (error == null) {
                    result.complete(instance);
                } else {
                    instance.close();
                    result.completeExceptionally(error);
                }
            });
        });
        return result;
    }

    private void finishStart(Pending p) {
        Plan.EntryPoint entry = p.entry();
        HandlerInstance instance;
        try {
            instance = p.instance().get(openTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            refuse(entry.file(), describeLoadFailure(entry, e.getCause()));
            return;
        } catch (TimeoutException e) {
            refuse(entry.file(), entry.file().getFileName() + ": loading and open(ctx) took longer than "
                    + openTimeoutMillis + " ms; nothing was opened");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refuse(entry.file(), entry.file().getFileName() + ": start was interrupted");
            return;
        }
        PortSpec spec = entry.spec();
        PortRuntime port = new PortRuntime(spec, entry.file(), p.loop(), instance, entry.rules());
        InetSocketAddress address = new InetSocketAddress(bindAddress, spec.port());
        try {
            Transport.Listener listener = spec.protocol() == Protocol.TCP
                    ? transport.bindTcp(address, p.loop(), port)
                    : transport.bindUdp(address, p.loop(), port);
            port.bound(listener);
        } catch (IOException e) {
            p.loop().execute(instance::close);
            refuse(entry.file(), entry.file().getFileName() + ": " + e.getMessage() + "; nothing was opened");
            return;
        }
        serving.add(port);
        statuses.add(new HandlerStatus.Serving(entry.file(), spec, port.listener().localAddress()));
        LOG.log(Level.INFO, "serving {0} on {1} {2}", entry.file().getFileName(), spec.protocol().token(),
                format(port.listener().localAddress()));
    }

    private static String describeLoadFailure(Plan.EntryPoint entry, Throwable cause) {
        if (cause instanceof HandlerLoadException e) {
            return e.getMessage() + "; nothing was opened";
        }
        return entry.file().getFileName() + ": open(ctx) failed: " + cause.getMessage() + "; nothing was opened";
    }

    private void refuse(Path file, String reason) {
        statuses.add(new HandlerStatus.Refused(file, reason));
        LOG.log(Level.ERROR, reason);
    }

    private static String format(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** What became of every file that asked for a port, serving first. */
    public synchronized List<HandlerStatus> status() {
        List<HandlerStatus> out = new ArrayList<>();
        statuses.stream().filter(s -> s instanceof HandlerStatus.Serving).forEach(out::add);
        statuses.stream().filter(s -> s instanceof HandlerStatus.Refused).forEach(out::add);
        return out;
    }

    /**
     * Connections and datagrams refused by screening so far, per port ({@code tcp/7000}) and reason
     * ({@code source_rate}, {@code denied}, ...). Reasons with no refusal are left out.
     */
    public synchronized java.util.Map<String, java.util.Map<String, Long>> refusals() {
        java.util.Map<String, java.util.Map<String, Long>> out = new java.util.TreeMap<>();
        for (PortRuntime port : serving) {
            java.util.Map<String, Long> counts = new java.util.TreeMap<>();
            port.screen().refusals().forEach((reason, n) -> {
                if (n > 0) {
                    counts.put(reason.name().toLowerCase(java.util.Locale.ROOT), n);
                }
            });
            out.put(port.spec().socketKey(), counts);
        }
        return out;
    }

    /** The plan of the last scan. */
    public synchronized Plan plan() {
        if (plan == null) {
            throw new IllegalStateException("the broker has not been started");
        }
        return plan;
    }

    /** The script engine's one-line description (which engine, whether the optimizing JIT is on). */
    public synchronized String engineDescription() {
        return engine == null ? "not started" : engine.describe();
    }

    /** The content root served. */
    public Path contentRoot() {
        return root;
    }

    /**
     * Stops serving: closes every listening socket, aborts each handler's {@code ctx.signal}, runs its
     * {@code close(ctx)}, then closes connections, the transport and the engine. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (PortRuntime port : serving) {
            port.listener().close();
            HandlerInstance instance = port.detach();
            CompletableFuture<Void> done = new CompletableFuture<>();
            closing.add(done);
            port.loop().execute(() -> {
                try {
                    instance.abort("the broker is shutting down");
                    instance.close().whenComplete((v, e) -> done.complete(null));
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "closing " + port.file().getFileName() + " failed", e);
                    done.complete(null);
                }
            });
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(openTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "some handlers did not finish close(ctx) in time; closing anyway");
        }
        serving.clear();
        if (transport != null) {
            transport.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private record Host(PortSpec spec, Path contentRoot, Path file, EventLoop loop, SharedStore shared, HandlerLog log)
            implements HandlerHost { }

    /** Configures a {@link Broker}. */
    public static final class Builder {
        private final Path root;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private boolean serveUnderscored;
        private ReservedPorts reserved = ReservedPorts.defaults();
        private Optional<String> engineId = Optional.empty();
        private Optional<String> transportId = Optional.empty();
        private int loops = Runtime.getRuntime().availableProcessors();
        private long openTimeoutMillis = 30_000;
        private long storeCapBytes = 64L << 20;
        private Optional<SharedStore> store = Optional.empty();

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "contentRoot");
        }

        /** The address every port binds to; loopback by default. Use {@code 0.0.0.0} or {@code ::} to serve the world. */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Whether top-level handlers starting with {@code _} are served (dev mode). Default false. */
        public Builder serveUnderscored(boolean serve) {
            this.serveUnderscored = serve;
            return this;
        }

        /** Ports no handler may claim. Default {@link ReservedPorts#defaults()}. */
        public Builder reservedPorts(ReservedPorts ports) {
            this.reserved = Objects.requireNonNull(ports, "ports");
            return this;
        }

        /** The script engine by id ({@code graal}, {@code rhino}); by default the system property
         * {@code porthoster.engine}, else the highest-priority engine present. */
        public Builder engine(String id) {
            this.engineId = Optional.of(id);
            return this;
        }

        /** The transport by id ({@code netty}); by default the highest-priority transport present. */
        public Builder transport(String id) {
            this.transportId = Optional.of(id);
            return this;
        }

        /** Event loops; handlers are spread across them. Default: one per available core. */
        public Builder loops(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("loops must be at least 1, got " + count);
            }
            this.loops = count;
            return this;
        }

        /** How long loading a handler and its {@code open(ctx)} may take. Default 30 s. */
        public Builder openTimeoutMillis(long millis) {
            this.openTimeoutMillis = millis;
            return this;
        }

        /** The in-memory store's cap in bytes. Default 64 MiB. */
        public Builder storeCapBytes(long bytes) {
            this.storeCapBytes = bytes;
            return this;
        }

        /** A store to use instead of the in-memory one (for example one shared with other brokers). */
        public Builder store(SharedStore shared) {
            this.store = Optional.of(shared);
            return this;
        }

        /** The broker, not yet started. */
        public Broker build() {
            return new Broker(this);
        }
    }
}

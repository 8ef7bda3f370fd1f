package dev.porthoster.core;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.Protocol;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.api.spi.HandlerLog;
import dev.porthoster.api.spi.ScriptEngine;
import dev.porthoster.api.spi.StoreBackend;
import dev.porthoster.api.spi.Transport;
import dev.porthoster.core.internal.ContentWatcher;
import dev.porthoster.core.internal.HandlerLogs;
import dev.porthoster.core.internal.MemoryGuard;
import dev.porthoster.core.internal.MemorySharedStore;
import dev.porthoster.core.internal.PortRuntime;
import dev.porthoster.core.internal.Providers;
import dev.porthoster.core.internal.RestartBackoff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Serves a content root: scans it into a {@link Plan}, loads every entry point into the chosen script engine, binds
 * its port on the chosen transport and hands it every connection or datagram that passes its manifest. A handler that
 * fails to load is refused with its file and line; the others keep serving.
 *
 * <p>With {@link Builder#watch(boolean)} the broker follows the content root: a changed handler, manifest or imported
 * file reloads exactly the handlers concerned (the new version loads beside the old, takes new traffic once its
 * {@code open(ctx)} succeeded, and the old one drains), a new entry point opens its port, a removed one closes it.
 * A version that fails to load is reported and the old one keeps serving. {@link #reload()} does the same on demand.
 *
 * <pre>{@code
 * try (Broker broker = Broker.builder(Path.of("port")).bindAddress(InetAddress.getLoopbackAddress()).build().start()) {
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
    private final long openTimeoutMillis;
    private final long drainMillis;
    private final boolean watch;
    private final StoreBackend store;
    private final Duration callbackLimit;
    private final long memoryLimit;
    private final PortRuntime.ReplyRule replyRule;

    private ScriptEngine engine;
    private Transport transport;
    private ContentWatcher watcher;
    private MemoryGuard memoryGuard;
    /** The ports served, for the memory guard's thread, which must not wait for the broker's lock. */
    private volatile List<PortRuntime> served = List.of();
    private Plan plan;
    /** Served ports by {@link PortSpec#socketKey()}. */
    private final Map<String, PortRuntime> ports = new LinkedHashMap<>();
    /** Files that asked for a port and got none, or whose new version failed: file to reason. */
    private final Map<Path, String> refused = new LinkedHashMap<>();
    private boolean started;
    private boolean closed;

    private Broker(Builder b) {
        this.root = b.root.toAbsolutePath().normalize();
        this.bindAddress = b.bindAddress;
        this.planOptions = new Plan.Options(b.serveUnderscored, b.reserved);
        this.engineId = b.engineId;
        this.transportId = b.transportId;
        this.openTimeoutMillis = b.openTimeoutMillis;
        this.drainMillis = b.drainMillis;
        this.watch = b.watch;
        this.callbackLimit = b.callbackLimit;
        this.memoryLimit = b.memoryLimit;
        this.replyRule = new PortRuntime.ReplyRule(b.replyWindowMillis, b.replyPeerLimit);
        this.store = b.store.orElseGet(() -> new MemorySharedStore(b.storeCapBytes,
                () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime())));
    }

    /** A builder for a broker serving {@code contentRoot}. */
    public static Builder builder(Path contentRoot) {
        return new Builder(contentRoot);
    }

    /**
     * Scans the content root, loads every entry point and binds its socket, then starts watching when asked. Returns
     * when every entry point is serving or refused; see {@link #status()}.
     *
     * @throws IllegalStateException when no script engine or transport can be found (the message names the jar to
     *                               add), or when called twice
     */
    public synchronized Broker start() {
        if (started) {
            throw new IllegalStateException("this broker was already started");
        }
        started = true;
        engine = Providers.engine(engineId).create();
        transport = Providers.transport(transportId).create();
        LOG.log(Level.INFO, "engine: {0}", engine.describe());
        reconcile();
        if (!Boolean.getBoolean("porthoster.experiment.noMemoryGuard")) { // bench/ab only: what the guard costs
            memoryGuard = new MemoryGuard(() -> served, Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
        if (watch) {
            try {
                watcher = ContentWatcher.start(root, this::reloadQuietly, 150);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot watch " + root + " for changes: " + e.getMessage(), e);
            }
        }
        return this;
    }

    /**
     * Rescans the content root and applies the difference: opens new ports, reloads changed handlers, applies changed
     * manifests in place, closes removed ports. Returns when every change has taken effect or failed.
     */
    public synchronized void reload() {
        if (!started || closed) {
            throw new IllegalStateException("the broker is not running");
        }
        reconcile();
    }

    private void reloadQuietly() {
        synchronized (this) {
            if (closed) {
                return;
            }
            reconcile();
        }
    }

    private record Pending(Plan.EntryPoint entry, Transport.Loop loop, Loading loading, PortRuntime replacing) {
        CompletableFuture<HandlerInstance> instance() {
            return loading.instance();
        }
    }

    /** A load under way, and the restart record its instance reports to. */
    private record Loading(CompletableFuture<HandlerInstance> instance, RestartBackoff restarts) { }

    private void reconcile() {
        Map<String, Path> incumbents = new HashMap<>();
        ports.forEach((key, port) -> incumbents.put(key, port.file()));
        Plan next = Plan.scan(root, planOptions, incumbents);
        Map<Path, String> nowRefused = new LinkedHashMap<>();
        for (Plan.Refusal r : next.refusals()) {
            nowRefused.put(r.file(), r.message());
        }

        List<CompletableFuture<Void>> waits = new ArrayList<>();
        Map<String, Plan.EntryPoint> wanted = new LinkedHashMap<>();
        next.entryPoints().forEach(e -> wanted.put(e.spec().socketKey(), e));
        for (String key : List.copyOf(ports.keySet())) {
            if (wanted.containsKey(key)) {
                continue;
            }
            PortRuntime port = ports.get(key);
            if (stillNamesItsPort(port)) {
                // The handler is still there but its new manifest (or name) was refused: keep the version that works.
                nowRefused.computeIfPresent(manifestOf(port), (file, reason) ->
                        reason.replace("; nothing was opened", "").replaceAll("; so \\S+ is not served$", "")
                                + "; the previous version keeps serving");
                continue;
            }
            ports.remove(key);
            port.listener().close();
            LOG.log(Level.INFO, "closed " + port.spec().socketKey() + ": " + port.file().getFileName() + " is gone");
            waits.add(port.shutdown(drainMillis).whenComplete((v, e) -> port.loop().close()));
        }

        List<Pending> pending = new ArrayList<>();
        for (Plan.EntryPoint entry : next.entryPoints()) {
            PortRuntime existing = ports.get(entry.spec().socketKey());
            if (existing == null) {
                // A thread of its own: whatever this handler does, it holds only its own loop.
                Transport.Loop loop = transport.newLoop(entry.spec().name() + "." + entry.spec().socketKey()
                        .replace('/', '.'));
                pending.add(new Pending(entry, loop, load(entry, loop), null));
            } else if (!existing.file().equals(entry.file()) || existing.sourcesChanged()
                    || !existing.screen().rules().limits().equals(entry.rules().limits())) {
                // Changed limits reload too: an engine reads them when it loads an instance.
                pending.add(new Pending(entry, existing.loop(), load(entry, existing.loop()), existing));
            } else if (!existing.hasRules(entry.rules())) {
                waits.add(existing.updateRules(entry.rules()));
                LOG.log(Level.INFO, "applied the changed manifest of " + entry.file().getFileName());
            }
        }
        for (Pending p : pending) {
            Optional<String> failure = finish(p);
            failure.ifPresent(reason -> nowRefused.put(p.entry().file(), reason));
        }
        await(waits, "applying changes");
        // One line per distinct reason: a refused manifest is also the reason its handler is refused.
        java.util.Set<String> toLog = new java.util.LinkedHashSet<>();
        nowRefused.forEach((file, reason) -> {
            if (!reason.equals(refused.get(file))) {
                toLog.add(reason);
            }
        });
        toLog.forEach(reason -> LOG.log(Level.WARNING, reason));
        refused.clear();
        refused.putAll(nowRefused);
        plan = next;
        served = List.copyOf(ports.values());
    }

    /** Whether the serving handler's file is still in the root under a name that claims the same port. */
    private boolean stillNamesItsPort(PortRuntime port) {
        return java.nio.file.Files.isRegularFile(port.file(), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && FileName.ofTopLevel(port.file().getFileName().toString(), planOptions.serveUnderscored())
                        instanceof FileName.Handler h && h.spec().equals(port.spec());
    }

    private Path manifestOf(PortRuntime port) {
        return port.file().resolveSibling(port.spec().manifestFileName());
    }

    private Loading load(Plan.EntryPoint entry, EventLoop loop) {
        HandlerLog log = HandlerLogs.of(entry.spec());
        RestartBackoff restarts = new RestartBackoff(loop::nowMillis, log);
        HandlerHost host = new Host(entry.spec(), root, entry.file(), loop, store, log,
                entry.rules().limits().callback().orElse(callbackLimit).toMillis(), restarts);
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
        return new Loading(result, restarts);
    }

    /** Completes a load: binds a new port or swaps the instance of an existing one. Returns the failure, if any. */
    private Optional<String> finish(Pending p) {
        Plan.EntryPoint entry = p.entry();
        String keeps = p.replacing() == null ? "; nothing was opened" : "; the previous version keeps serving";
        HandlerInstance instance;
        try {
            instance = p.instance().get(openTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            discardWhenLoaded(p);
            return Optional.of(describeLoadFailure(entry, e.getCause()) + keeps);
        } catch (TimeoutException e) {
            discardWhenLoaded(p);
            return Optional.of(entry.file().getFileName() + ": loading and open(ctx) took longer than "
                    + openTimeoutMillis + " ms" + keeps);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardWhenLoaded(p);
            return Optional.of(entry.file().getFileName() + ": interrupted" + keeps);
        }
        PortSpec spec = entry.spec();
        if (p.replacing() != null) {
            p.replacing().swap(instance, entry.file(), p.loading().restarts(), drainMillis);
            if (!p.replacing().hasRules(entry.rules())) {
                p.replacing().updateRules(entry.rules());
            }
            LOG.log(Level.INFO, "reloaded " + entry.file().getFileName()
                    + "; new connections get the new version, open ones finish on the old");
            return Optional.empty();
        }
        PortRuntime port = new PortRuntime(spec, entry.file(), p.loop(), instance, entry.rules(), p.loading().restarts(),
                memoryLimit, replyRule);
        InetSocketAddress address = new InetSocketAddress(bindAddress, spec.port());
        try {
            Transport.Listener listener = spec.protocol() == Protocol.TCP
                    ? transport.bindTcp(address, p.loop(), port)
                    : transport.bindUdp(address, p.loop(), port);
            port.bound(listener);
        } catch (IOException e) {
            p.loop().execute(() -> {
                instance.close();
                p.loop().close();
            });
            return Optional.of(entry.file().getFileName() + ": " + e.getMessage() + "; nothing was opened");
        }
        ports.put(spec.socketKey(), port);
        LOG.log(Level.INFO, "serving " + entry.file().getFileName() + " on " + spec.protocol().token() + " "
                + format(listener(port)));
        return Optional.empty();
    }

    /** Closes a load that will not serve, once it has finished, and a loop started for it alone. */
    private static void discardWhenLoaded(Pending p) {
        p.instance().whenComplete((late, error) -> p.loop().execute(() -> {
            if (late != null) {
                late.close();
            }
            if (p.replacing() == null) {
                p.loop().close();
            }
        }));
    }

    private static InetSocketAddress listener(PortRuntime port) {
        return port.listener().localAddress();
    }

    private static String describeLoadFailure(Plan.EntryPoint entry, Throwable cause) {
        if (cause instanceof HandlerLoadException e) {
            return e.getMessage();
        }
        return entry.file().getFileName() + ": open(ctx) failed: " + cause.getMessage();
    }

    private void await(List<CompletableFuture<Void>> waits, String what) {
        try {
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(openTimeoutMillis + drainMillis,
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, what + " did not finish in time; going on");
        }
    }

    private static String format(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** What became of every file that asked for a port: serving first (by protocol and port), then refused. */
    public synchronized List<HandlerStatus> status() {
        List<HandlerStatus> out = new ArrayList<>();
        ports.values().stream()
                .sorted(java.util.Comparator.comparing((PortRuntime p) -> p.spec().protocol())
                        .thenComparingInt(p -> p.spec().port()))
                .forEach(p -> out.add(new HandlerStatus.Serving(p.file(), p.spec(), p.listener().localAddress(),
                        p.restarts().snapshot())));
        refused.forEach((file, reason) -> out.add(new HandlerStatus.Refused(file, reason)));
        return out;
    }

    /**
     * Connections and datagrams refused by screening so far, per port ({@code tcp/7000}) and reason
     * ({@code source_rate}, {@code denied}, ...). Reasons with no refusal are left out.
     */
    public synchronized Map<String, Map<String, Long>> refusals() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (PortRuntime port : ports.values()) {
            Map<String, Long> counts = new TreeMap<>();
            port.screen().refusals().forEach((reason, n) -> {
                if (n > 0) {
                    counts.put(reason.name().toLowerCase(Locale.ROOT), n);
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

    /** The longest a callback may run in a handler whose manifest sets no {@code limits.callback}. */
    public Duration callbackLimit() {
        return callbackLimit;
    }

    /** The memory budget of a handler whose manifest sets no {@code limits.memory}, in bytes. */
    public long memoryLimit() {
        return memoryLimit;
    }

    /** The content root served. */
    public Path contentRoot() {
        return root;
    }

    /**
     * Stops serving: closes every listening socket, aborts each handler's {@code ctx.signal}, lets open connections
     * finish up to the drain timeout, runs every {@code close(ctx)}, then releases the loops and the engine.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watcher != null) {
            watcher.close();
        }
        if (memoryGuard != null) {
            memoryGuard.close();
        }
        served = List.of();
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (PortRuntime port : ports.values()) {
            port.listener().close();
        }
        for (PortRuntime port : ports.values()) {
            closing.add(port.shutdown(drainMillis).whenComplete((v, e) -> port.loop().close()));
        }
        await(closing, "draining connections and running close(ctx)");
        ports.clear();
        if (transport != null) {
            transport.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private record Host(PortSpec spec, Path contentRoot, Path file, EventLoop loop, StoreBackend shared, HandlerLog log,
                        long watchdogMillis, RestartBackoff restarts) implements HandlerHost {
        @Override
        public Duration callbackLimit() {
            return Duration.ofMillis(watchdogMillis);
        }

        @Override
        public void restartAfterBackoff(String reason, Runnable boot) {
            restarts.restartAfterBackoff(reason, loop, boot);
        }
    }

    /** Configures a {@link Broker}. */
    public static final class Builder {
        private final Path root;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private boolean serveUnderscored;
        private ReservedPorts reserved = ReservedPorts.defaults();
        private Optional<String> engineId = Optional.empty();
        private Optional<String> transportId = Optional.empty();
        private long openTimeoutMillis = 30_000;
        private long drainMillis = 10_000;
        private boolean watch;
        private long storeCapBytes = 64L << 20;
        private Optional<StoreBackend> store = Optional.empty();
        private Duration callbackLimit = Manifest.Limits.DEFAULT_CALLBACK;
        private long memoryLimit = Manifest.Limits.DEFAULT_MEMORY;
        private long replyWindowMillis = PortRuntime.ReplyRule.DEFAULT.windowMillis();
        private int replyPeerLimit = PortRuntime.ReplyRule.DEFAULT.peerLimit();

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

        /** How long loading a handler and its {@code open(ctx)} may take. Default 30 s. */
        public Builder openTimeoutMillis(long millis) {
            this.openTimeoutMillis = millis;
            return this;
        }

        /**
         * How long the connections of a replaced, removed or shut-down handler may take to finish before they are
         * closed. Default 10 s.
         */
        public Builder drainTimeoutMillis(long millis) {
            this.drainMillis = millis;
            return this;
        }

        /** Whether to follow changes to the content root and reload. Default false. */
        public Builder watch(boolean follow) {
            this.watch = follow;
            return this;
        }

        /** The in-memory store's cap in bytes. Default 64 MiB. */
        public Builder storeCapBytes(long bytes) {
            this.storeCapBytes = bytes;
            return this;
        }

        /** A store to use instead of the in-memory one (for example one shared with other brokers). */
        public Builder store(StoreBackend shared) {
            this.store = Optional.of(shared);
            return this;
        }

        /**
         * How long one callback of a handler (with the promise jobs it queues) may run before the watchdog stops it
         * and restarts the handler, unless its manifest's {@code limits.callback} says otherwise. From 10 ms to 60 s;
         * default 5 s.
         */
        public Builder callbackLimit(Duration limit) {
            if (!Manifest.Limits.callbackInRange(Objects.requireNonNull(limit, "limit"))) {
                throw new IllegalArgumentException("callbackLimit must be " + Manifest.Limits.CALLBACK_FORM + ", got " + limit);
            }
            this.callbackLimit = limit;
            return this;
        }

        /**
         * How long after an address and port last sent a UDP port a screened datagram {@code ctx.reply} may still
         * send to it. Default 60 s. Anything else, and any host name, makes {@code ctx.reply} throw: a handler
         * cannot be used to send datagrams to third parties.
         */
        public Builder replyWindow(java.time.Duration window) {
            long millis = window.toMillis();
            if (millis < 1) {
                throw new IllegalArgumentException("the reply window must be at least 1 ms, got " + window);
            }
            this.replyWindowMillis = millis;
            return this;
        }

        /**
         * The memory budget of a handler whose manifest sets no {@code limits.memory}, in bytes. From 1 MiB to 4 GiB;
         * default 64 MiB. The budget covers the heap the handler's code retains and the output its connections have
         * queued; a handler over it is restarted (see docs/security.md for how it is measured).
         */
        public Builder memoryLimit(long bytes) {
            if (!Manifest.Limits.memoryInRange(bytes)) {
                throw new IllegalArgumentException("memoryLimit must be " + Manifest.Limits.MEMORY_FORM + ", got " + bytes
                        + " bytes");
            }
            this.memoryLimit = bytes;
            return this;
        }

        /**
         * How many peers per UDP port are remembered for {@code ctx.reply}; past it the one heard from longest ago is
         * forgotten first, so spoofed sources cannot grow the heap. Default 16,384 (about 150 bytes each).
         */
        public Builder replyPeerLimit(int peers) {
            if (peers < 1) {
                throw new IllegalArgumentException("the reply peer limit must be at least 1, got " + peers);
            }
            this.replyPeerLimit = peers;
            return this;
        }

        /** The broker, not yet started. */
        public Broker build() {
            return new Broker(this);
        }
    }
}

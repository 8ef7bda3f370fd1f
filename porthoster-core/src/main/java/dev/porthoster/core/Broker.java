package dev.porthoster.core;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.Protocol;
import dev.porthoster.api.SharedStore;
import dev.porthoster.api.TcpHandler;
import dev.porthoster.api.UdpHandler;
import dev.porthoster.api.spi.ScriptEngine;
import dev.porthoster.api.spi.StoreBackend;
import dev.porthoster.api.spi.Transport;
import dev.porthoster.core.internal.ContentWatcher;
import dev.porthoster.core.internal.EventDispatch;
import dev.porthoster.core.internal.JavaEntry;
import dev.porthoster.core.internal.HandlerLoader;
import dev.porthoster.core.internal.MemoryGuard;
import dev.porthoster.core.internal.MemorySharedStore;
import dev.porthoster.core.internal.Providers;
import dev.porthoster.core.internal.Reconciler;
import dev.porthoster.core.internal.ServedPorts;
import dev.porthoster.core.internal.TypedSharedStore;
import dev.porthoster.core.internal.runtime.OutboundGate;
import dev.porthoster.core.internal.runtime.PortRuntime;
import dev.porthoster.core.manifest.Manifest;
import dev.porthoster.core.plan.Plan;
import dev.porthoster.core.plan.ReservedPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

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

    private final Reconciler.Settings settings;
    private final Optional<String> engineId;
    private final Optional<String> transportId;
    private final boolean watch;
    private final StoreBackend store;
    private final SharedStore sharedView;
    private final Duration callbackLimit;
    /** Java handlers the application registered, by {@link PortSpec#socketKey()}. */
    private final Map<String, JavaEntry> javaHandlers;
    private final EventDispatch<BrokerEvent> events;

    private ScriptEngine engine;
    private Transport transport;
    private Reconciler reconciler;
    private ContentWatcher watcher;
    private MemoryGuard memoryGuard;
    private Plan plan;
    private final ServedPorts ports = new ServedPorts();
    private boolean started;
    private boolean closed;

    private Broker(Builder b) {
        this.settings = new Reconciler.Settings(b.root.toAbsolutePath().normalize(),
                new Plan.Options(b.serveUnderscored, b.reserved), b.bindAddress, b.openTimeout, b.drainTimeout,
                b.memoryLimit, new PortRuntime.ReplyRule(b.replyWindowMillis, b.replyPeerLimit), b.bindPort,
                b.connectTimeout, b.handshakeTimeout);
        this.engineId = b.engineId;
        this.transportId = b.transportId;
        this.watch = b.watch;
        this.callbackLimit = b.callbackLimit;
        this.store = b.store.orElseGet(() -> new MemorySharedStore(b.storeCapBytes,
                () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime())));
        this.sharedView = new TypedSharedStore(store);
        this.javaHandlers = new LinkedHashMap<>(b.javaHandlers);
        this.events = new EventDispatch<>(b.listeners, EVENT_QUEUE);
    }

    /** Events a listener may fall behind by before later ones are dropped. */
    static final int EVENT_QUEUE = 4096;

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
        reconciler = new Reconciler(settings, transport, new HandlerLoader(engine, settings.root(), store, callbackLimit,
                javaHandlers, events), ports, javaHandlers, events);
        plan = reconciler.reconcile();
        if (!Boolean.getBoolean("porthoster.experiment.noMemoryGuard")) { // bench/ab only: what the guard costs
            memoryGuard = new MemoryGuard(ports::served, Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
        if (watch) {
            try {
                watcher = ContentWatcher.start(settings.root(), this::reloadQuietly, 150);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot watch " + settings.root() + " for changes: " + e.getMessage(), e);
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
        plan = reconciler.reconcile();
    }

    private void reloadQuietly() {
        synchronized (this) {
            if (closed) {
                return;
            }
            plan = reconciler.reconcile();
        }
    }

    /** What became of every file that asked for a port: serving first (by protocol and port), then refused. */
    public synchronized List<HandlerStatus> status() {
        return ports.status();
    }

    /**
     * Connections and datagrams refused so far, per port ({@code tcp/7000}) and reason: by screening
     * ({@code source_rate}, {@code denied}, ...) and at the port's edge ({@code proxy_untrusted}, {@code proxy_missing},
     * {@code proxy_malformed}, {@code proxy_timeout}, {@code tls_timeout}, {@code tls_not_tls}, {@code tls_closed},
     * {@code tls_no_common}, {@code tls_client_cert_missing}, {@code tls_client_cert_rejected},
     * {@code tls_client_alert}, {@code tls_failed}). Reasons with no refusal are left out.
     */
    public synchronized Map<String, Map<String, Long>> refusals() {
        return ports.refusalCounts();
    }

    /** The TCP connections open now on each served port ({@code tcp/7000}); a UDP port counts 0. */
    public synchronized Map<String, Integer> openConnections() {
        return ports.openConnections();
    }

    /**
     * The shared store every handler's {@code ctx.shared} reaches, with typed values: read what a script stored,
     * store what scripts read. Usable before {@link #start()} and from any thread.
     */
    public SharedStore shared() {
        return sharedView;
    }

    /** Events dropped because the {@link Builder#listener listeners} fell more than 4,096 behind. */
    public long droppedEvents() {
        return events.dropped();
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
        return settings.memoryLimit();
    }

    /** The content root served. */
    public Path contentRoot() {
        return settings.root();
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
        if (reconciler != null) {
            reconciler.shutdown();
        }
        events.close();
        if (transport != null) {
            transport.close();
        }
        if (engine != null) {
            engine.close();
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
        private Duration openTimeout = Duration.ofSeconds(30);
        private Duration drainTimeout = Duration.ofSeconds(10);
        private boolean watch;
        private long storeCapBytes = 64L << 20;
        private Optional<StoreBackend> store = Optional.empty();
        private Duration callbackLimit = Manifest.Limits.DEFAULT_CALLBACK;
        private long memoryLimit = Manifest.Limits.DEFAULT_MEMORY;
        private long replyWindowMillis = PortRuntime.ReplyRule.DEFAULT.windowMillis();
        private int replyPeerLimit = PortRuntime.ReplyRule.DEFAULT.peerLimit();
        private ToIntFunction<PortSpec> bindPort = PortSpec::port;
        private Duration connectTimeout = OutboundGate.DEFAULT_CONNECT_TIMEOUT;
        private Duration handshakeTimeout = PortRuntime.DEFAULT_HANDSHAKE_TIMEOUT;
        private final Map<String, JavaEntry> javaHandlers = new LinkedHashMap<>();
        private final List<Consumer<? super BrokerEvent>> listeners = new ArrayList<>();

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "contentRoot");
        }

        /**
         * Serves a Java TCP handler on {@code spec}'s port beside the content root's files, screened by
         * {@code rules} as a manifest would screen it, on a loop of its own, never reloaded (it changes when the
         * application does) and stopped with the broker. A file in the content root claiming the same port is
         * refused. Default: none. A Java handler is one object, called on one loop, so it is served by one copy:
         * {@code rules} must not ask for more {@code instances}.
         *
         * @throws IllegalArgumentException when {@code spec} is not TCP, its port already has a Java handler, or
         *                                  {@code rules} ask for more than one instance
         */
        public Builder handler(PortSpec spec, TcpHandler handler, Manifest rules) {
            return java(spec, Protocol.TCP, handler, rules);
        }

        /** {@link #handler(PortSpec, TcpHandler, Manifest)} with the rules of a handler without a manifest. */
        public Builder handler(PortSpec spec, TcpHandler handler) {
            return handler(spec, handler, Manifest.defaults());
        }

        /**
         * Serves a Java UDP handler on {@code spec}'s port, as {@link #handler(PortSpec, TcpHandler, Manifest)} does
         * a TCP one.
         */
        public Builder handler(PortSpec spec, UdpHandler handler, Manifest rules) {
            return java(spec, Protocol.UDP, handler, rules);
        }

        /** {@link #handler(PortSpec, UdpHandler, Manifest)} with the rules of a handler without a manifest. */
        public Builder handler(PortSpec spec, UdpHandler handler) {
            return handler(spec, handler, Manifest.defaults());
        }

        private Builder java(PortSpec spec, Protocol protocol, Object handler, Manifest rules) {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(rules, "rules");
            if (spec.protocol() != protocol) {
                throw new IllegalArgumentException(spec + " is a " + spec.protocol().token() + " port; a "
                        + (protocol == Protocol.TCP ? "TcpHandler" : "UdpHandler") + " serves " + protocol.token());
            }
            if (rules.instances() != 1) {
                throw new IllegalArgumentException(spec.socketKey() + ": a Java handler is one object, served by one "
                        + "copy on one loop, so its rules must ask for 1 instance, not " + rules.instances()
                        + " (several copies would call the same object from several threads)");
            }
            Path file = Path.of("java:" + spec.name() + "." + spec.protocol().token() + "." + spec.port());
            if (javaHandlers.putIfAbsent(spec.socketKey(), new JavaEntry(
                    new Plan.EntryPoint(spec, file, Optional.empty(), rules), handler)) != null) {
                throw new IllegalArgumentException(spec.socketKey() + " already has a Java handler");
            }
            return this;
        }

        /**
         * Adds a listener for {@link BrokerEvent}s: connections accepted or refused, handlers served, refused,
         * reloaded, restarted and stopped. Listeners run in order on one thread of the broker's; one that falls more
         * than 4,096 events behind loses the later ones ({@link Broker#droppedEvents()}). Default: none, and then
         * nothing is spent on events.
         */
        public Builder listener(Consumer<? super BrokerEvent> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The address every port binds to. Default loopback ({@code 127.0.0.1}), so nothing is public by accident; use
         * {@code 0.0.0.0} or {@code ::} to serve the world.
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Whether top-level handlers whose name starts with {@code _} are served, as {@code porthoster dev} does.
         * Default false: they are ignored, as in production.
         */
        public Builder serveUnderscored(boolean serve) {
            this.serveUnderscored = serve;
            return this;
        }

        /**
         * Ports no handler may claim; a handler naming one is refused with the reason. Default
         * {@link ReservedPorts#defaults()} (22, the sync and admin ports, and ports below 1024).
         */
        public Builder reservedPorts(ReservedPorts ports) {
            this.reserved = Objects.requireNonNull(ports, "ports");
            return this;
        }

        /**
         * The script engine by id ({@code graal}, {@code rhino}). Default: the system property
         * {@code porthoster.engine}, else the highest-priority engine present. {@link #start()} fails naming the jar
         * to add when it is not there.
         */
        public Builder engine(String id) {
            this.engineId = Optional.of(id);
            return this;
        }

        /**
         * The transport by id ({@code netty}). Default: the highest-priority transport present. {@link #start()} fails
         * naming the jar to add when it is not there.
         */
        public Builder transport(String id) {
            this.transportId = Optional.of(id);
            return this;
        }

        /**
         * How long loading a handler and running its {@code open(ctx)} may take; past it the handler is refused
         * ({@code loading and open(ctx) took longer than ...}) and, on a reload, the previous version keeps serving.
         * Default 30 s; at least 1 ms.
         */
        public Builder openTimeout(Duration timeout) {
            this.openTimeout = positive(timeout, "openTimeout");
            return this;
        }

        /**
         * How long the open connections of a replaced, removed or shut-down handler may take to finish before they
         * are closed and its {@code close(ctx)} runs; new connections go to the new version (or are refused) at once.
         * {@link #close()} and a reload wait at most this long. Default 10 s; zero closes them at once.
         */
        public Builder drainTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("drainTimeout must not be negative, got " + timeout);
            }
            this.drainTimeout = timeout;
            return this;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.toMillis() < 1) {
                throw new IllegalArgumentException(what + " must be at least 1 ms, got " + d);
            }
            return d;
        }

        /**
         * Whether to follow changes to the content root: a changed handler, manifest or imported file reloads the
         * handlers concerned, a new entry point opens its port, a removed one closes it. Default false: only
         * {@link Broker#reload()} rescans.
         */
        public Builder watch(boolean follow) {
            this.watch = follow;
            return this;
        }

        /**
         * The cap of the in-memory store behind {@code ctx.shared}, in bytes of keys and values; a write past it fails
         * with a message saying so. Default 64 MiB. Ignored when {@link #store(StoreBackend)} is given.
         */
        public Builder storeCapBytes(long bytes) {
            this.storeCapBytes = bytes;
            return this;
        }

        /**
         * The store behind every handler's {@code ctx.shared}, instead of a fresh in-memory one (for example one
         * shared with other brokers, or pre-loaded by the application). Default: an in-memory store of
         * {@link #storeCapBytes(long)}.
         */
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
        public Builder replyWindow(Duration window) {
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

        /**
         * How long a handler's outbound TCP connect (to a destination its manifest's {@code connect} list allows) may
         * take before it fails with {@code ETIMEDOUT}, as a script's {@code 'error'} event or a Java handler's failed
         * {@code Ctx.connect}. Default 10 s; at least 1 ms.
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * For tests and embedding only: the port each handler's socket binds to instead of the one its name declares,
         * given what the name declares. Return 0 for an ephemeral port, so tests can run in parallel without
         * choosing free ports; {@link Broker#status()} reports the port really bound
         * ({@link HandlerStatus.Serving#address()}), while {@code ctx.port}, the log's file names, reserved-port
         * checks and claims on a port still go by the name. A port outside 0–65535 refuses the handler. Default: the
         * declared port. {@code porthoster serve} and {@code dev} never set this: a deployed name is its port.
         */
        public Builder bindPort(ToIntFunction<PortSpec> port) {
            this.bindPort = Objects.requireNonNull(port, "port");
            return this;
        }

        /**
         * How long a new TCP connection may take at the port's edge before its handler sees it: a trusted load
         * balancer's PROXY header (a manifest's {@code proxyProtocol}) and the TLS handshake (its {@code tls}) must each
         * finish within it, or the connection is closed and counted ({@code proxy_timeout}, {@code tls_timeout}).
         * Default 10 s; from 1 ms to 5 min.
         */
        public Builder handshakeTimeout(Duration timeout) {
            positive(timeout, "handshakeTimeout");
            if (timeout.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("handshakeTimeout must be at most 5 min, got " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /** The broker, not yet started. */
        public Broker build() {
            return new Broker(this);
        }
    }
}

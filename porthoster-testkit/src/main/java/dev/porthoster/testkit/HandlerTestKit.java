package dev.porthoster.testkit;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.TlsSession;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.api.spi.HandlerLog;
import dev.porthoster.api.spi.ScriptEngine;
import dev.porthoster.api.spi.StoreBackend;
import dev.porthoster.api.TcpHandler;
import dev.porthoster.api.UdpHandler;
import dev.porthoster.core.Engines;
import dev.porthoster.core.JavaHandlers;
import dev.porthoster.core.SharedStores;
import dev.porthoster.core.manifest.Manifest;
import dev.porthoster.core.manifest.ManifestException;
import dev.porthoster.core.manifest.ManifestParser;
import dev.porthoster.core.plan.FileName;
import dev.porthoster.core.screen.ScreenedPort;
import java.time.Duration;
import java.util.Map;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs one handler file on a chosen engine without opening a port, as Netty's {@code EmbeddedChannel} runs a
 * pipeline: connect fake clients, send them bytes, read what the handler wrote, send datagrams and collect replies,
 * and move a virtual clock.
 *
 * <pre>{@code
 * try (HandlerTestKit kit = HandlerTestKit.load(Path.of("port/echo.tcp.7000.port.js")).start()) {
 *     TestConnection conn = kit.connect("203.0.113.7", 40000);
 *     assertEquals("hello from :7000\n", conn.read());
 *     assertEquals("hi\n", conn.send("hi\n").read());
 * }
 * }</pre>
 */
public final class HandlerTestKit implements AutoCloseable {

    private final ManualEventLoop loop;
    private final ScriptEngine engine;
    private final HandlerInstance instance;
    private final ScreenedPort port;
    private final PortSpec spec;
    private final List<String> logLines;
    private final StoreBackend store;
    private final long highWaterMark;
    private final FakeNetwork network;
    private boolean closed;

    private HandlerTestKit(Builder b, ManualEventLoop loop, ScriptEngine engine, HandlerInstance instance,
                           List<String> logLines, StoreBackend store, ScreenedPort port, FakeNetwork network) {
        this.network = network;
        this.loop = loop;
        this.engine = engine;
        this.instance = instance;
        this.spec = b.spec;
        this.port = port.serve(instance);
        this.logLines = logLines;
        this.store = store;
        this.highWaterMark = b.highWaterMark;
    }

    /**
     * Prepares to load {@code handlerFile}; its folder is the content root.
     *
     * @throws IllegalArgumentException when the file name is not an entry point's name (the reason is given)
     */
    public static Builder load(Path handlerFile) {
        return new Builder(handlerFile);
    }

    /**
     * Prepares to run a Java TCP handler on {@code spec} as the broker would serve it with
     * {@code Broker.Builder.handler}: the same fake connections, screening ({@link Builder#rules}), store, log and
     * virtual clock as for a script.
     */
    public static Builder of(PortSpec spec, TcpHandler handler) {
        return new Builder(spec, handler);
    }

    /** Prepares to run a Java UDP handler on {@code spec}, as {@link #of(PortSpec, TcpHandler)} does a TCP one. */
    public static Builder of(PortSpec spec, UdpHandler handler) {
        return new Builder(spec, handler);
    }

    /**
     * Opens a connection from {@code address:sourcePort}. It is screened by the handler's manifest first, as the
     * broker would: a refused connection is reset ({@link TestConnection#wasReset()}) and never reaches
     * {@code handle(conn, ctx)}; an admitted one is handed to it.
     */
    public TestConnection connect(String address, int sourcePort) {
        checkOpen();
        TestConnection c = new TestConnection(loop, new InetSocketAddress(parse(address), sourcePort), spec.port(),
                highWaterMark);
        ConnectionEvents events = port.accept(c.side);
        c.attach(events);
        return c;
    }

    /**
     * Opens a connection from {@code address:sourcePort} whose TLS the broker terminated with the outcome
     * {@code tls} (what the handler's {@code conn.encrypted}, {@code alpnProtocol}, {@code servername},
     * {@code getPeerCertificate()} ... show); screened first, as {@link #connect(String, int)}. The handshake itself is
     * the transport's and is not played here.
     */
    public TestConnection connect(String address, int sourcePort, TlsSession tls) {
        checkOpen();
        TestConnection c = new TestConnection(loop, new InetSocketAddress(parse(address), sourcePort), spec.port(),
                highWaterMark, java.util.Optional.of(tls));
        ConnectionEvents events = port.accept(c.side);
        c.attach(events);
        return c;
    }

    /**
     * Sends one datagram from {@code address:sourcePort}; returns what the handler replied. A datagram the manifest
     * refuses is dropped before {@code message(msg, rinfo, ctx)} and gets no reply. As in the broker,
     * {@code ctx.reply} sends only to an address and port that sent a datagram within the last 60 s of the virtual
     * clock, and throws for any other.
     */
    public List<Reply> send(String address, int sourcePort, byte[] payload) {
        checkOpen();
        List<Reply> replies = new ArrayList<>();
        InetSocketAddress from = new InetSocketAddress(parse(address), sourcePort);
        port.offer(new Datagram(payload.clone(), from), (bytes, to) -> replies.add(new Reply(bytes, to)));
        loop.runPending();
        return replies;
    }

    /**
     * The fake server at {@code address:port} for the handler's outbound connections and datagrams, made at the first
     * call: a connection the handler opens to it (and the manifest's {@code connect} list allows) becomes one of its
     * {@link TestPeer#connections()}. A destination the manifest allows but no peer stands at refuses connections
     * ({@code ECONNREFUSED}) and drops datagrams. For a handler that connects in {@code open(ctx)}, register the peer
     * before {@link Builder#start()} with {@link Builder#peer}.
     *
     * @param address an IP address (a handler never reaches a host name)
     */
    public TestPeer peer(String address, int port) {
        checkOpen();
        return network.peer(address, port);
    }

    /**
     * The handler's outbound traffic so far: connections open and made, datagrams sent, and attempts its manifest's
     * {@code connect} list refused, by reason ({@code not_listed}, {@code no_connect_list}, {@code host_name},
     * {@code connection_cap}), as the broker's status counts them.
     */
    public dev.porthoster.core.HandlerStatus.Outbound outbound() {
        loop.runPending();
        return port.outboundStatus();
    }

    /** Connections and datagrams refused by the manifest so far, by reason ({@code denied}, {@code source_rate}, ...). */
    public Map<String, Long> refusals() {
        return port.refusals();
    }

    /** Sends one UTF-8 datagram; returns what the handler replied. */
    public List<Reply> send(String address, int port, String text) {
        return send(address, port, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Moves the virtual clock, running timers as they fall due. */
    public HandlerTestKit advance(long millis) {
        loop.advance(millis);
        return this;
    }

    /** Runs whatever the handler has queued (promise continuations, store completions). */
    public HandlerTestKit runPending() {
        loop.runPending();
        return this;
    }

    /** The loop the handler runs on. */
    public ManualEventLoop loop() {
        return loop;
    }

    /** The store behind {@code ctx.shared}; pre-load or inspect it. */
    public StoreBackend shared() {
        return store;
    }

    /** The files the handler's code was read from: the handler and every module it imported. */
    public java.util.Set<Path> sources() {
        return instance.sources();
    }

    /**
     * Every line the handler logged, as {@code LEVEL message}, as the broker would log it: escaped (a newline shows as
     * {@code \n}), cut at 8192 characters and rate-limited on the virtual clock (see docs/handlers.md).
     */
    public List<String> log() {
        return List.copyOf(logLines);
    }

    /** Aborts {@code ctx.signal}, as a reload or shutdown would. */
    public HandlerTestKit abort(String reason) {
        instance.abort(reason);
        loop.runPending();
        return this;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this HandlerTestKit is closed");
        }
    }

    /** Runs the handler's {@code close(ctx)} and releases the engine. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        port.shutdown(Duration.ZERO);
        loop.runPending();
        closeEngine(engine);
    }

    private static InetAddress parse(String address) {
        try {
            return InetAddress.getByName(Objects.requireNonNull(address, "address"));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }

    /**
     * A datagram the handler sent with {@code ctx.reply}.
     *
     * @param payload the bytes
     * @param to      the recipient
     */
    public record Reply(byte[] payload, InetSocketAddress to) {
        /** The payload as UTF-8 text. */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** Chooses the engine and options, then {@link #start()}s. */
    public static final class Builder {
        private final Path file;
        private final PortSpec spec;
        private Manifest rules;
        private Optional<String> engineId = Optional.empty();
        private Optional<Long> watchdogMillis = Optional.empty();
        private long highWaterMark = 64 * 1024;
        private StoreBackend store;
        private ManualEventLoop loop;
        private int instance;
        private OptionalLong randomSeed = OptionalLong.empty();
        private final List<String[]> peers = new ArrayList<>();
        /** A Java handler to run instead of a file, or null. */
        private final Object javaHandler;

        private Builder(PortSpec spec, Object handler) {
            this.spec = java.util.Objects.requireNonNull(spec, "spec");
            this.javaHandler = java.util.Objects.requireNonNull(handler, "handler");
            if ((spec.protocol() == dev.porthoster.api.Protocol.TCP) != (handler instanceof TcpHandler)) {
                throw new IllegalArgumentException(spec + " is " + spec.protocol().token() + "; its handler must be a "
                        + (handler instanceof TcpHandler ? "UdpHandler" : "TcpHandler"));
            }
            this.file = Path.of("java:" + spec.name() + "." + spec.protocol().token() + "." + spec.port());
            this.rules = Manifest.defaults();
        }

        private Builder(Path file) {
            this.javaHandler = null;
            this.file = file.toAbsolutePath().normalize();
            FileName name = FileName.ofTopLevel(this.file.getFileName().toString(), true);
            if (!(name instanceof FileName.Handler h)) {
                throw new IllegalArgumentException(this.file.getFileName() + " is not an entry point's name"
                        + (name instanceof FileName.NearMiss m ? ": " + m.reason() : "; expected <name>.<tcp|udp>.<port>.port.js"));
            }
            this.spec = h.spec();
        }

        /**
         * The screening rules of a Java handler ({@link #of}), as {@code Broker.Builder.handler} takes them; default
         * those of a handler without a manifest. A file's rules come from its manifest beside it.
         */
        public Builder rules(Manifest manifestRules) {
            if (javaHandler == null) {
                throw new IllegalStateException("a handler file's rules come from its manifest, "
                        + spec.manifestFileName());
            }
            this.rules = java.util.Objects.requireNonNull(manifestRules, "rules");
            return this;
        }

        /** The engine by id ({@code graal}, {@code rhino}); default as the broker chooses. */
        public Builder engine(String id) {
            this.engineId = Optional.of(id);
            return this;
        }

        /**
         * The watchdog limit for one callback (wall-clock time, not the virtual clock); default the manifest's
         * {@code limits.callback}, else 5000 ms as in the broker.
         */
        public Builder watchdogMillis(long millis) {
            this.watchdogMillis = Optional.of(millis);
            return this;
        }

        /** Unsent output above which {@code conn.write} returns false until the test calls {@link TestConnection#drain()}; default 64 KiB. */
        public Builder highWaterMark(long bytes) {
            this.highWaterMark = bytes;
            return this;
        }

        /**
         * Which copy of the handler it is told it is ({@code ctx.instance}), as if its manifest asked for several
         * {@code instances}; default 0. The kit runs one copy: load the handler again as another copy to test what
         * that copy does differently (work started only in copy 0, say).
         */
        public Builder instance(int copy) {
            if (copy < 0) {
                throw new IllegalArgumentException("a copy is numbered from 0, got " + copy);
            }
            this.instance = copy;
            return this;
        }

        /**
         * Stands a fake server at {@code address:port} before the handler loads, for a handler that connects out in
         * {@code open(ctx)}; reach it with {@link HandlerTestKit#peer} afterwards.
         */
        public Builder peer(String address, int port) {
            peers.add(new String[] {java.util.Objects.requireNonNull(address, "address"), Integer.toString(port)});
            return this;
        }

        /** The store behind {@code ctx.shared}; default a fresh in-memory store on the virtual clock. */
        public Builder shared(StoreBackend shared) {
            this.store = shared;
            return this;
        }

        /**
         * Makes what the handler draws from {@code crypto} ({@code randomBytes}, {@code randomUUID},
         * {@code randomInt}, {@code getRandomValues}, {@code randomFill}) repeatable: the same seed gives the same
         * bytes in the same order, so a test can pin a generated id or token. Not secure, for tests only; by default
         * the handler draws from the JDK's {@code SecureRandom}, as in the broker.
         */
        public Builder random(long seed) {
            this.randomSeed = OptionalLong.of(seed);
            return this;
        }

        /**
         * Loads the handler and runs its {@code open(ctx)}.
         *
         * @throws HandlerLoadFailed when the handler cannot be loaded or {@code open} fails, with file and line
         */
        public HandlerTestKit start() {
            loop = new ManualEventLoop();
            StoreBackend shared = store != null ? store : SharedStores.inMemory(64L << 20, loop::nowMillis);
            List<String> lines = new CopyOnWriteArrayList<>();
            if (javaHandler == null) {
                Path manifest = file.resolveSibling(spec.manifestFileName());
                try {
                    rules = java.nio.file.Files.exists(manifest) ? ManifestParser.parse(manifest) : Manifest.defaults();
                } catch (ManifestException e) {
                    throw new HandlerLoadFailed(e.getMessage(), e);
                }
            }
            long watchdog = watchdogMillis.orElseGet(() -> rules.limits().callback().orElse(Manifest.Limits.DEFAULT_CALLBACK).toMillis());
            // The broker's screen, log bounds and restart backoff, on the virtual clock: a test sees what it would.
            FakeNetwork network = new FakeNetwork(loop, highWaterMark);
            peers.forEach(p -> network.peer(p[0], Integer.parseInt(p[1])));
            ScreenedPort port = ScreenedPort.create(spec, file, rules, loop,
                    (level, message) -> lines.add(level + " " + message), network);
            HandlerLog log = port.log();
            Optional<SplittableRandom> seeded = randomSeed.isPresent()
                    ? Optional.of(new SplittableRandom(randomSeed.getAsLong())) : Optional.empty();
            HandlerHost host = new HandlerHost() {
                @Override public PortSpec spec() { return spec; }
                @Override public Path contentRoot() { return javaHandler != null ? Path.of("").toAbsolutePath() : file.getParent(); }
                @Override public Path file() { return file; }
                @Override public EventLoop loop() { return loop; }
                @Override public int instance() { return instance; }
                @Override public StoreBackend shared() { return shared; }
                @Override public HandlerLog log() { return log; }
                @Override public java.time.Duration callbackLimit() { return java.time.Duration.ofMillis(watchdog); }
                @Override public dev.porthoster.api.spi.Outbound outbound() { return port.outbound(); }
                @Override public void restartAfterBackoff(String reason, Runnable boot) {
                    port.restartAfterBackoff(reason, boot);
                }
                @Override public void randomBytes(byte[] bytes) {
                    if (seeded.isPresent()) {
                        seeded.get().nextBytes(bytes);
                    } else {
                        HandlerHost.super.randomBytes(bytes);
                    }
                }
            };
            ScriptEngine engine = javaHandler != null ? null : Engines.select(engineId).create();
            HandlerInstance instance;
            try {
                instance = javaHandler instanceof TcpHandler t ? JavaHandlers.instance(host, t)
                        : javaHandler instanceof UdpHandler u ? JavaHandlers.instance(host, u) : engine.load(host);
            } catch (HandlerLoadException e) {
                engine.close();
                throw new HandlerLoadFailed(e.getMessage(), e);
            }
            CompletableFuture<Void> opened = instance.open().toCompletableFuture();
            loop.runPending();
            if (!opened.isDone()) {
                closeEngine(engine);
                throw new HandlerLoadFailed(file.getFileName() + ": open(ctx) did not settle; a test must be able to "
                        + "run it to completion on the virtual clock", null);
            }
            if (opened.isCompletedExceptionally()) {
                String why = opened.handle((v, e) -> e.getCause() != null ? e.getCause().getMessage() : e.getMessage()).join();
                closeEngine(engine);
                throw new HandlerLoadFailed(file.getFileName() + ": open(ctx) failed: " + why, null);
            }
            return new HandlerTestKit(this, loop, engine, instance, lines, shared, port, network);
        }
    }

    private static void closeEngine(ScriptEngine engine) {
        if (engine != null) {
            engine.close();
        }
    }

    /** The handler could not be loaded or opened; the message names the file and line. */
    public static final class HandlerLoadFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerLoadFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package dev.porthoster.core.internal;

import dev.porthoster.api.Conn;
import dev.porthoster.api.Ctx;
import dev.porthoster.api.OutboundException;
import dev.porthoster.api.PortSpec;
import dev.porthoster.api.Protocol;
import dev.porthoster.api.RemoteInfo;
import dev.porthoster.api.SharedStore;
import dev.porthoster.api.TcpHandler;
import dev.porthoster.api.UdpHandler;
import dev.porthoster.api.spi.Addresses;
import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramReplies;
import dev.porthoster.api.spi.Dialer;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.HandlerLog;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A Java {@link TcpHandler} or {@link UdpHandler} served like a script: on its host's loop, screened by the broker,
 * with a {@link Ctx} whose store, log and timers are a script's. A throwing callback closes only its connection (or
 * drops its datagram) and is logged, as a script's uncaught error is. Java code cannot be interrupted safely, so the
 * watchdog does not stop a Java callback; the handler's own loop thread keeps a runaway from delaying any other
 * handler.
 */
public final class JavaHandlerInstance implements HandlerInstance {

    private final HandlerHost host;
    private final Supplier<?> factory;
    private final EventLoop loop;
    private final HandlerLog log;
    private final SharedStore shared;
    private final Set<Connection> live = new HashSet<>();
    /** Scheduled tasks not yet run; {@link Ctx#schedule} may be called from any thread. */
    private final Set<EventLoop.Cancellable> timers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private Object handler;
    private JavaCtx ctx;
    private boolean closed;
    /** The replies of the socket the last datagram came in on: there is one socket per UDP port. */
    private DatagramReplies currentReplies;

    /**
     * @param factory makes the handler: called once per (re)start, so a handler object holding state can start afresh
     */
    public JavaHandlerInstance(HandlerHost host, Supplier<?> factory) {
        this.host = Objects.requireNonNull(host, "host");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.loop = host.loop();
        this.log = host.log();
        this.shared = new TypedSharedStore(host.shared());
        boot();
    }

    private void boot() {
        Object made = factory.get();
        Protocol protocol = host.spec().protocol();
        if (protocol == Protocol.TCP ? !(made instanceof TcpHandler) : !(made instanceof UdpHandler)) {
            throw new IllegalArgumentException(host.spec() + " is a " + protocol.token() + " port: its handler must be a "
                    + (protocol == Protocol.TCP ? "TcpHandler" : "UdpHandler") + ", not "
                    + (made == null ? "null" : made.getClass().getName()));
        }
        handler = made;
        ctx = new JavaCtx();
    }

    @Override
    public CompletionStage<Void> open() {
        return callStage(() -> handler instanceof TcpHandler t ? t.open(ctx) : ((UdpHandler) handler).open(ctx),
                "open(ctx)");
    }

    @Override
    public ConnectionEvents accept(Connection connection) {
        if (closed) {
            connection.reset();
            return ConnectionEvents.IGNORE;
        }
        live.add(connection);
        Conn.Listener listener;
        try {
            listener = ((TcpHandler) handler).handle(connection, ctx);
        } catch (RuntimeException | Error e) {
            fail(connection, "handle(conn, ctx)", e);
            listener = Conn.Listener.IGNORE;
        }
        return events(connection, listener == null ? Conn.Listener.IGNORE : listener, ctx);
    }

    /** A connection's events, to {@code events} while the handler copy that owns it ({@code owner}) is current. */
    private ConnectionEvents events(Connection connection, Conn.Listener events, JavaCtx owner) {
        return new ConnectionEvents() {
            @Override
            public void onData(byte[] bytes) {
                run(() -> events.onData(bytes), "onData");
            }

            @Override
            public void onEnd() {
                run(events::onEnd, "onEnd");
            }

            @Override
            public void onDrain() {
                run(events::onDrain, "onDrain");
            }

            @Override
            public void onError(Throwable error) {
                run(() -> events.onError(error), "onError");
            }

            @Override
            public void onClose() {
                live.remove(connection);
                run(events::onClose, "onClose");
            }

            private void run(Runnable event, String what) {
                if (owner != ctx) {
                    return; // the handler restarted since: this connection's listener belongs to the old one
                }
                try {
                    event.run();
                } catch (RuntimeException | Error e) {
                    fail(connection, what, e);
                }
            }
        };
    }

    private void fail(Connection connection, String what, Throwable e) {
        if (e instanceof VirtualMachineError vm && !(e instanceof StackOverflowError)) {
            throw vm;
        }
        InetSocketAddress peer = connection.remoteAddress();
        log.log(HandlerLog.Level.ERROR, what + " failed for " + peer.getAddress().getHostAddress() + ":"
                + peer.getPort() + ", closing the connection: " + e);
        connection.destroy();
    }

    @Override
    public void message(Datagram datagram, DatagramReplies replies) {
        if (closed) {
            return;
        }
        currentReplies = replies;
        try {
            ((UdpHandler) handler).message(datagram.payload(),
                    new RemoteInfo(datagram.sender(), datagram.payload().length), ctx);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vm && !(e instanceof StackOverflowError)) {
                throw vm;
            }
            log.log(HandlerLog.Level.ERROR, "message(msg, rinfo, ctx) failed for "
                    + datagram.sender().getAddress().getHostAddress() + ":" + datagram.sender().getPort()
                    + "; the datagram is dropped: " + e);
        }
    }

    @Override
    public void abort(String reason) {
        ctx.stopping.complete(reason);
    }

    @Override
    public void restart(String reason) {
        loop.execute(() -> {
            if (closed) {
                return;
            }
            log.log(HandlerLog.Level.ERROR, reason + "; restarting this handler (its " + live.size()
                    + " open connection(s) are closed)");
            stopWork();
            JavaCtx old = ctx;
            callStage(() -> handler instanceof TcpHandler t ? t.close(old) : ((UdpHandler) handler).close(old),
                    "close(ctx)");
            host.restartAfterBackoff(reason, () -> {
                if (closed) {
                    return;
                }
                boot();
                open().whenComplete((ok, error) -> {
                    if (error != null) {
                        log.log(HandlerLog.Level.ERROR, "open(ctx) failed after restart: " + error.getMessage());
                    }
                });
            });
        });
    }

    private void stopWork() {
        for (Connection c : Set.copyOf(live)) {
            c.destroy();
        }
        live.clear();
        timers.forEach(EventLoop.Cancellable::cancel);
        timers.clear();
    }

    @Override
    public CompletionStage<OptionalLong> measureHeap(long stopAtBytes) {
        // The JVM cannot attribute Java objects to the handler that made them; only queued output is counted.
        return CompletableFuture.completedFuture(OptionalLong.empty());
    }

    @Override
    public CompletionStage<Void> close() {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        return callStage(() -> handler instanceof TcpHandler t ? t.close(ctx) : ((UdpHandler) handler).close(ctx),
                "close(ctx)").handle((v, e) -> {
                    if (e != null) {
                        log.log(HandlerLog.Level.ERROR, "close(ctx) failed: " + e.getMessage());
                    }
                    closed = true;
                    timers.forEach(EventLoop.Cancellable::cancel);
                    timers.clear();
                    return null;
                });
    }

    @Override
    public Set<Path> sources() {
        return Set.of(); // nothing on disk: a Java handler changes when the application does
    }

    /** Runs a lifecycle callback, turning a throw or a null stage into a failed stage that names it. */
    private static CompletionStage<Void> callStage(Supplier<CompletionStage<Void>> call, String what) {
        try {
            CompletionStage<Void> stage = call.get();
            return stage != null ? stage : CompletableFuture.failedFuture(
                    new IllegalStateException(what + " returned null instead of a CompletionStage"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalStateException(what + " threw " + e, e));
        }
    }

    private final class JavaCtx implements Ctx {
        private final CompletableFuture<String> stopping = new CompletableFuture<>();
        private final System.Logger logger = new HandlerLogger(host.spec(), log);

        @Override
        public PortSpec spec() {
            return host.spec();
        }

        @Override
        public SharedStore shared() {
            return shared;
        }

        @Override
        public System.Logger log() {
            return logger;
        }

        @Override
        public void execute(Runnable task) {
            Objects.requireNonNull(task, "task");
            loop.execute(() -> {
                if (this != ctx || closed) {
                    return;
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.log(HandlerLog.Level.ERROR, "a task run on the handler's loop failed: " + e);
                }
            });
        }

        @Override
        public Timer schedule(Duration delay, Runnable task) {
            Objects.requireNonNull(task, "task");
            long millis = Math.max(0, delay.toMillis());
            EventLoop.Cancellable[] self = new EventLoop.Cancellable[1];
            JavaCtx owner = this;
            self[0] = loop.schedule(() -> {
                timers.remove(self[0]);
                if (owner != ctx || closed) {
                    return;
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.log(HandlerLog.Level.ERROR, "a scheduled task failed: " + e);
                }
            }, millis);
            timers.add(self[0]);
            return () -> {
                timers.remove(self[0]);
                self[0].cancel();
            };
        }

        @Override
        public CompletionStage<String> stopping() {
            return stopping;
        }

        @Override
        public CompletionStage<Conn> connect(InetSocketAddress to, Conn.Listener listener) {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(listener, "listener");
            CompletableFuture<Conn> made = new CompletableFuture<>();
            Runnable start = () -> {
                if (this != ctx || closed) {
                    made.completeExceptionally(new OutboundException(OutboundException.ACCESS_DENIED,
                            "connect refused: this handler has stopped"));
                    return;
                }
                // An unresolved address is a host name: passed on as written, the gate refuses it unlooked-up.
                String address = to.isUnresolved() ? to.getHostString() : Addresses.text(to.getAddress());
                host.outbound().connect(address, to.getPort(), new Dialer.Connector() {
                    @Override
                    public ConnectionEvents connected(Connection connection) {
                        if (JavaCtx.this != ctx || closed) {
                            connection.destroy();
                            made.completeExceptionally(new OutboundException(OutboundException.ACCESS_DENIED,
                                    "connect refused: this handler has stopped"));
                            return ConnectionEvents.IGNORE;
                        }
                        made.complete(connection);
                        return events(connection, listener, JavaCtx.this);
                    }

                    @Override
                    public void failed(OutboundException failure) {
                        made.completeExceptionally(failure);
                    }
                });
            };
            if (loop.inEventLoop()) {
                start.run();
            } else {
                loop.execute(start);
            }
            return made;
        }

        @Override
        public void reply(byte[] payload, InetSocketAddress to) {
            if (host.spec().protocol() != Protocol.UDP) {
                throw new IllegalStateException("reply is for UDP handlers; " + host.spec() + " is TCP");
            }
            DatagramReplies replies = currentReplies;
            if (replies == null) {
                throw new IllegalStateException("reply can only be used after a datagram arrived");
            }
            replies.reply(payload, to.getAddress().getHostAddress(), to.getPort()).ifPresent(refused -> {
                throw new IllegalArgumentException(refused);
            });
        }
    }

    /** {@code System.Logger} over a handler's log, so Java handlers log as scripts do. */
    private record HandlerLogger(PortSpec spec, HandlerLog log) implements System.Logger {
        @Override
        public String getName() {
            return spec.handlerFileName();
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF && level.getSeverity() >= Level.DEBUG.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                log.log(level(level), thrown == null ? String.valueOf(msg) : msg + ": " + thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                log.log(level(level), params == null || params.length == 0 ? String.valueOf(format)
                        : MessageFormat.format(format, params));
            }
        }

        private static HandlerLog.Level level(Level level) {
            return switch (level) {
                case ERROR -> HandlerLog.Level.ERROR;
                case WARNING -> HandlerLog.Level.WARN;
                case INFO -> HandlerLog.Level.INFO;
                default -> HandlerLog.Level.DEBUG;
            };
        }
    }
}

package dev.porthoster.core.screen;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.OutboundException;
import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.Dialer;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.Outbound;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramSender;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.HandlerLog;
import dev.porthoster.api.spi.Transport;
import dev.porthoster.core.internal.BoundedHandlerLog;
import dev.porthoster.core.HandlerStatus;
import dev.porthoster.core.internal.RestartBackoff;
import dev.porthoster.core.internal.runtime.GatedOutbound;
import dev.porthoster.core.internal.runtime.OutboundGate;
import dev.porthoster.core.internal.runtime.PortRuntime;
import dev.porthoster.core.manifest.Manifest;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One handler behind the broker's screen, fed by connections and datagrams the caller brings instead of a bound
 * socket. What passes is exactly what the broker would let through on a real port with the same manifest: allow and
 * deny lists, connection caps, rate limits and idle timeouts are enforced, a refusal is counted and logged, and
 * {@code ctx.reply} reaches recent peers only. The handler's log gets the broker's bounds (escaping, length cut, rate
 * limit) and a handler that stops itself restarts with the broker's backoff, both on the loop's clock, so a virtual
 * clock drives them in tests.
 *
 * <p>Use it in two steps, because the handler's host needs the log and the restart policy before the instance exists:
 * <pre>{@code
 * ScreenedPort port = ScreenedPort.create(spec, file, rules, loop, (level, line) -> lines.add(line));
 * HandlerHost host = ...;   // log() -> port.log(), restartAfterBackoff(...) -> port.restartAfterBackoff(...)
 * port.serve(engine.load(host));
 * ConnectionEvents events = port.accept(fakeConnection);
 * }</pre>
 *
 * <p>Every method except {@link #refusals()} must be called on the loop's thread, as the broker calls them on a port's
 * own loop.
 */
public final class ScreenedPort {

    private final PortSpec spec;
    private final Path file;
    private final Manifest rules;
    private final Transport.Loop loop;
    private final HandlerLog log;
    private final RestartBackoff restarts;
    private final OutboundGate gate;
    private final GatedOutbound outbound;
    private PortRuntime runtime;

    private ScreenedPort(PortSpec spec, Path file, Manifest rules, Transport.Loop loop, HandlerLog sink,
                         Dialer network) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.file = Objects.requireNonNull(file, "file");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.log = new BoundedHandlerLog(Objects.requireNonNull(sink, "sink"), loop::nowMillis);
        this.restarts = new RestartBackoff(loop::nowMillis, log);
        this.gate = new OutboundGate(spec, Objects.requireNonNull(network, "network"), loop,
                OutboundGate.DEFAULT_CONNECT_TIMEOUT, rules.limits().memory().orElse(Manifest.Limits.DEFAULT_MEMORY));
        this.outbound = gate.forInstance(rules);
    }

    /**
     * A port for the handler {@code file} serving {@code spec} under {@code rules}, not yet serving: until
     * {@link #serve} every connection is reset and every datagram dropped. The handler gets no network: an outbound
     * connection its manifest allows fails with {@code ENETUNREACH}, an allowed datagram is dropped.
     *
     * @param sink where the handler's log lines go once escaped, cut and rate-limited
     */
    public static ScreenedPort create(PortSpec spec, Path file, Manifest rules, Transport.Loop loop, HandlerLog sink) {
        return new ScreenedPort(spec, file, rules, loop, sink, NO_NETWORK);
    }

    /**
     * As {@link #create(PortSpec, Path, Manifest, Transport.Loop, HandlerLog)}, with {@code network} behind the
     * handler's outbound traffic: what the manifest's {@code connect} list allows is opened there (the testkit's fake
     * peers), the rest is refused, counted and logged as the broker would.
     */
    public static ScreenedPort create(PortSpec spec, Path file, Manifest rules, Transport.Loop loop, HandlerLog sink,
                                      Dialer network) {
        return new ScreenedPort(spec, file, rules, loop, sink, network);
    }

    /**
     * The handler's outbound traffic, checked against the manifest's {@code connect} list as in the broker; give it to
     * the handler's host ({@code HandlerHost.outbound()}). What the handler opened through it is closed when it
     * restarts ({@link #restartAfterBackoff}) and after its {@code close(ctx)} ({@link #shutdown}).
     */
    public Outbound outbound() {
        return outbound;
    }

    /** The handler's outbound connections and datagrams so far, and its refused attempts by reason. */
    public HandlerStatus.Outbound outboundStatus() {
        return gate.status();
    }

    /** The handler's log, with the broker's bounds; give it to the handler's host. */
    public HandlerLog log() {
        return log;
    }

    /**
     * The broker's restart policy, for the host's {@code restartAfterBackoff}: the first stop boots again at once,
     * further stops in a row wait longer (logged to {@link #log()}), on the loop's clock.
     */
    public void restartAfterBackoff(String reason, Runnable boot) {
        outbound.closeAll();
        restarts.restartAfterBackoff(reason, loop, boot);
    }

    /**
     * Puts {@code instance} (loaded and opened) behind the screen, with the broker's default memory budget and reply
     * rule.
     *
     * @throws IllegalStateException when an instance is already served
     */
    public ScreenedPort serve(HandlerInstance instance) {
        if (runtime != null) {
            throw new IllegalStateException(spec.handlerFileName() + " is already served on this port");
        }
        runtime = new PortRuntime(spec, file, loop, Objects.requireNonNull(instance, "instance"), rules, restarts,
                Manifest.Limits.DEFAULT_MEMORY, PortRuntime.ReplyRule.DEFAULT, gate);
        return this;
    }

    /**
     * Screens a new connection: a refused one is reset and the handler never sees it; an admitted one is handed to
     * the handler, and the returned events must be fed what arrives on it.
     */
    public ConnectionEvents accept(Connection connection) {
        if (runtime == null) {
            connection.reset();
            return ConnectionEvents.IGNORE;
        }
        return runtime.accept(connection);
    }

    /**
     * Screens one datagram and, if it passes, hands it to the handler, whose {@code ctx.reply} goes out through
     * {@code replies}.
     *
     * @return whether it passed
     */
    public boolean offer(Datagram datagram, DatagramSender replies) {
        if (runtime == null) {
            return false;
        }
        boolean admitted = runtime.admit(datagram.sender());
        if (admitted) {
            runtime.receive(datagram, replies);
        }
        runtime.endOfBatch(1, false);
        return admitted;
    }

    /**
     * Connections and datagrams refused so far, by reason ({@code denied}, {@code not_allowed},
     * {@code connection_cap}, {@code source_connection_cap}, {@code source_rate}, {@code global_rate},
     * {@code too_many_sources}, {@code fair_share}), as {@code Broker.refusals()} reports them; reasons with no
     * refusal are left out.
     */
    public Map<String, Long> refusals() {
        return runtime == null ? Map.of() : runtime.refusalsByName();
    }

    /**
     * Stops taking work as the broker's shutdown does: the handler's {@code ctx.signal} aborts, open connections get
     * up to {@code drain} to finish, then its {@code close(ctx)} runs.
     *
     * @return completes once {@code close(ctx)} has run (at once when nothing was served)
     */
    public CompletableFuture<Void> shutdown(Duration drain) {
        if (runtime == null) {
            outbound.close();
            return CompletableFuture.completedFuture(null);
        }
        return runtime.shutdown(drain.toMillis()).whenComplete((v, e) -> outbound.close());
    }

    /** The network of a port created without one: allowed connections fail, allowed datagrams are dropped. */
    private static final Dialer NO_NETWORK = new Dialer() {
        @Override
        public EventLoop.Cancellable connectTcp(InetSocketAddress remote, EventLoop loop, Duration timeout,
                                                Connector connector) {
            loop.execute(() -> connector.failed(new OutboundException("ENETUNREACH", "connect ENETUNREACH "
                    + remote.getAddress().getHostAddress() + ":" + remote.getPort() + " (this port was given no network)")));
            return () -> { };
        }

        @Override
        public DatagramEndpoint openUdp(boolean ipv6, EventLoop loop, Transport.DatagramReceiver receiver) {
            return new DatagramEndpoint() {
                @Override
                public void send(byte[] payload, InetSocketAddress recipient) {
                }

                @Override
                public void close() {
                }
            };
        }
    };
}

package dev.porthoster.core.internal.runtime;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramSender;
import dev.porthoster.api.spi.EdgeRefusal;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.TcpEdge;
import dev.porthoster.api.spi.Transport;
import dev.porthoster.core.LogLines;
import dev.porthoster.core.internal.RestartBackoff;
import dev.porthoster.core.manifest.Manifest;
import dev.porthoster.core.manifest.TlsMaterial;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One served port: its listening socket, the screen in front of it, and the handler instance that currently receives
 * what passes. The socket stays bound while the instance behind it is swapped, so a reload never drops the port.
 * Screening happens here, on the port's loop, before the handler sees anything: a refused connection is reset, a
 * refused datagram dropped. A TCP port's {@link PortEdge edge} (PROXY trust, TLS) is handed to the transport at every
 * accept: screening sees the client a trusted PROXY header names, and happens before a TLS handshake, so a refused
 * source costs no handshake; {@code ctx.reply} goes only to a recent peer ({@link PeerReplies}). Connections stay
 * with the instance that accepted them until they close; a retired instance's {@code close(ctx)} runs when its last
 * connection is gone or the drain timeout passes.
 */
public final class PortRuntime implements Transport.TcpAcceptor, Transport.DatagramReceiver {

    private static final System.Logger LOG = System.getLogger("dev.porthoster.broker");

    private final PortSpec spec;
    private final Transport.Loop loop;
    private final Screen screen;
    private final RefusalLog refusalLog;
    private volatile Path file;
    private volatile HandlerInstance current;
    private volatile Transport.Listener listener;
    private volatile Fingerprint fingerprint;
    private volatile RestartBackoff restarts;
    /** The broker's budget for a handler whose manifest sets no {@code limits.memory}. */
    private final long defaultMemoryBudget;
    /** The serving instance's retained heap at the memory guard's last look. */
    private volatile long measuredHeap;
    /**
     * What the budget leaves for queued output once the handler's own heap is counted: the output of the port's
     * connections, inbound and outbound (the gate's).
     */
    private final OutputBudget output;
    /** The handler's outbound traffic, checked against the manifest's {@code connect} list. */
    private final OutboundGate outbound;
    private volatile long loopThreadId = -1;
    /** Open connections per instance; touched on the loop only. */
    private final Map<HandlerInstance, Set<Connection>> live = new HashMap<>();
    /** Retired instances waiting for their connections to close; touched on the loop only. */
    private final Map<HandlerInstance, CompletableFuture<Void>> retiring = new HashMap<>();
    /** The port's PROXY trust and TLS files, and refusals at the edge. */
    private final PortEdge edge;
    /** Who may get a {@code ctx.reply}; touched on the loop only. */
    private final RecentPeers peers;
    /** {@code ctx.reply} over the socket's sender, made once per socket; touched on the loop only. */
    private PeerReplies replies;

    /**
     * Where {@code ctx.reply} may send: to an address and port that sent the port a screened datagram within
     * {@code windowMillis}, of at most {@code peerLimit} remembered (the least recently heard are forgotten first).
     */
    public record ReplyRule(long windowMillis, int peerLimit) {
        /** 60 s, 16,384 peers per port. */
        public static final ReplyRule DEFAULT = new ReplyRule(60_000, 16_384);

        public ReplyRule {
            if (windowMillis < 1 || peerLimit < 1) {
                throw new IllegalArgumentException("the reply window and the peer limit must be positive, got "
                        + windowMillis + " ms and " + peerLimit);
            }
        }
    }

    /** How long a PROXY header and a TLS handshake may each take unless the broker says otherwise. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public PortRuntime(PortSpec spec, Path file, Transport.Loop loop, HandlerInstance instance, Manifest rules,
                       RestartBackoff restarts, long defaultMemoryBudget, ReplyRule replyRule, OutboundGate outbound) {
        this(spec, file, loop, instance, rules, restarts, defaultMemoryBudget, replyRule, outbound,
                DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /**
     * @param outbound         the gate the instance's outbound traffic went through since it loaded; its output is
     *                         held to this port's budget from now on
     * @param handshakeTimeout how long a PROXY header (with {@code proxyProtocol}) and a TLS handshake (with
     *                         {@code tls}) may each take before the connection is refused
     */
    public PortRuntime(PortSpec spec, Path file, Transport.Loop loop, HandlerInstance instance, Manifest rules,
                       RestartBackoff restarts, long defaultMemoryBudget, ReplyRule replyRule, OutboundGate outbound,
                       Duration handshakeTimeout) {
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.output = outbound.output();
        this.peers = new RecentPeers(replyRule.windowMillis(), replyRule.peerLimit());
        this.restarts = Objects.requireNonNull(restarts, "restarts");
        this.defaultMemoryBudget = defaultMemoryBudget;
        loop.execute(() -> loopThreadId = Thread.currentThread().threadId());
        this.spec = Objects.requireNonNull(spec, "spec");
        this.file = Objects.requireNonNull(file, "file");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.current = Objects.requireNonNull(instance, "instance");
        this.screen = spec.protocol() == dev.porthoster.api.Protocol.UDP
                ? new Screen(rules, loop::nowMillis, () -> KernelDrops.at(spec.port()))
                : new Screen(rules, loop::nowMillis);
        this.refusalLog = new RefusalLog(spec.handlerFileName(), loop::nowMillis);
        this.edge = new PortEdge(screen::rules, handshakeTimeout);
        this.fingerprint = Fingerprint.of(instance.sources());
        outbound.budget(() -> Math.max(0, memoryBudgetBytes() - measuredHeap));
    }

    /** The port's outbound traffic: its gate, which a reloaded version's instance goes through too. */
    public OutboundGate outbound() {
        return outbound;
    }

    public PortSpec spec() {
        return spec;
    }

    public Path file() {
        return file;
    }

    /** The port's own loop: its socket, its connections and its handler instances run there. */
    public Transport.Loop loop() {
        return loop;
    }

    /** The instance taking new work now; null once the port is shut down. */
    public HandlerInstance current() {
        return current;
    }

    /** The handler's memory budget: the heap its code retains plus the output its connections have queued. */
    public long memoryBudgetBytes() {
        return screen.rules().limits().memory().orElse(defaultMemoryBudget);
    }

    /** Records what the memory guard measured of the serving instance's heap. */
    public void measuredHeap(long bytes) {
        measuredHeap = bytes;
    }

    /** The output queued on this port's connections, counted on the loop. */
    public CompletableFuture<Long> unsentOutputBytes() {
        CompletableFuture<Long> out = new CompletableFuture<>();
        loop.execute(() -> out.complete(output.exact()));
        return out;
    }

    /** The id of the loop's thread, once it has run a task; -1 before. */
    public long loopThreadId() {
        return loopThreadId;
    }

    /** Restarts of the serving version. */
    public RestartBackoff restarts() {
        return restarts;
    }

    public Screen screen() {
        return screen;
    }

    public Transport.Listener listener() {
        return listener;
    }

    public void bound(Transport.Listener l) {
        this.listener = l;
    }

    /** Told of every TCP connection accepted or refused, on the port's loop. */
    @FunctionalInterface
    public interface ScreeningListener {
        /**
         * {@code refused} is empty when the connection went to the handler, else the reason's name
         * ({@code denied}, {@code tls_timeout}, ...).
         */
        void screened(InetSocketAddress remote, Optional<String> refused);
    }

    private volatile ScreeningListener screeningListener;

    /** Sets who is told of each connection screened (none by default: nothing is spent on it). */
    public void onScreened(ScreeningListener listener) {
        this.screeningListener = listener;
    }

    private void tell(InetSocketAddress remote, Optional<String> refused) {
        ScreeningListener told = screeningListener;
        if (told != null) {
            told.screened(remote, refused);
        }
    }

    /** Whether a source file of the serving instance changed since it was loaded. */
    public boolean sourcesChanged() {
        return fingerprint.changed();
    }

    @Override
    public TcpEdge edge() {
        return edge.current();
    }

    /** The TLS files new connections are served with. */
    public Optional<TlsMaterial> tls() {
        return edge.material();
    }

    /** Serves new connections with {@code material}'s certificate (or without TLS); open connections keep theirs. */
    public void updateTls(Optional<TlsMaterial> material) {
        edge.apply(material);
    }

    @Override
    public ConnectionEvents accept(Connection connection) {
        return admit(connection) ? handOver(connection) : ConnectionEvents.IGNORE;
    }

    @Override
    public Optional<Transport.Admitted> screen(Connection connection) {
        if (!admit(connection)) {
            return Optional.empty();
        }
        return Optional.of(new Transport.Admitted() {
            @Override
            public ConnectionEvents accept() {
                return handOver(connection);
            }

            @Override
            public void refused(EdgeRefusal reason, String detail) {
                screen.closed(connection.remoteAddress().getAddress());
                edgeRefused(connection.remoteAddress(), reason, detail);
            }
        });
    }

    @Override
    public void refused(InetSocketAddress source, EdgeRefusal reason, String detail) {
        edgeRefused(source, reason, detail);
    }

    private void edgeRefused(InetSocketAddress source, EdgeRefusal reason, String detail) {
        edge.refused(reason);
        refusalLog.refused(reason, reason.text() + (detail.isEmpty() ? "" : ": " + LogLines.escape(detail, 200)),
                source.getAddress(), "connection");
        tell(source, Optional.of(PortEdge.name(reason)));
    }

    /** Screens a connection by its source; counts the source's connection when it passes. */
    private boolean admit(Connection connection) {
        InetAddress source = connection.remoteAddress().getAddress();
        if (current == null) {
            connection.reset();
            return false;
        }
        Optional<Screen.Reason> refused = screen.admitConnection(source);
        if (refused.isPresent()) {
            tell(connection.remoteAddress(), refused.map(r -> r.name().toLowerCase(java.util.Locale.ROOT)));
            refusalLog.refused(refused.get(), source, "connection");
            connection.reset();
            return false;
        }
        return true;
    }

    /** Hands an admitted connection to the instance serving now. */
    private ConnectionEvents handOver(Connection connection) {
        HandlerInstance instance = current;
        InetAddress source = connection.remoteAddress().getAddress();
        if (instance == null) { // the port shut down during the handshake
            screen.closed(source);
            connection.reset();
            return ConnectionEvents.IGNORE;
        }
        tell(connection.remoteAddress(), Optional.empty());
        Optional<IdleTimer> idle = screen.rules().idleTimeout()
                .map(d -> new IdleTimer(loop, connection, d.toMillis()));
        live.computeIfAbsent(instance, i -> new HashSet<>()).add(connection);
        output.opened(connection);
        ConnectionEvents events;
        try {
            events = instance.accept(new ScreenedConnection(connection, idle, output));
        } catch (RuntimeException e) {
            closed(instance, connection, source, idle);
            throw e;
        }
        return new HandedOver(events, idle, () -> closed(instance, connection, source, idle));
    }

    /**
     * Refusals so far by reason, screening's ({@code source_rate}, {@code denied}, ...) and the edge's
     * ({@code proxy_missing}, {@code tls_timeout}, ...); reasons with no refusal are left out.
     */
    public Map<String, Long> refusalsByName() {
        Map<String, Long> out = new TreeMap<>(screen.refusalsByName());
        out.putAll(edge.refusalsByName());
        return out;
    }

    private void closed(HandlerInstance instance, Connection connection, InetAddress source, Optional<IdleTimer> idle) {
        screen.closed(source);
        output.closed(connection);
        idle.ifPresent(IdleTimer::stop);
        Set<Connection> open = live.get(instance);
        if (open != null) {
            open.remove(connection);
            if (open.isEmpty()) {
                live.remove(instance);
                CompletableFuture<Void> waiting = retiring.get(instance);
                if (waiting != null) {
                    finishRetirement(instance);
                }
            }
        }
    }

    @Override
    public boolean admit(InetSocketAddress sender) {
        if (current == null) {
            return false;
        }
        Optional<Screen.Reason> refused = screen.admitDatagram(sender.getAddress());
        if (refused.isPresent()) {
            refusalLog.refused(refused.get(), sender.getAddress(), "datagram");
            return false;
        }
        return true;
    }

    @Override
    public void receive(Datagram datagram, DatagramSender socket) {
        HandlerInstance instance = current;
        if (instance == null) {
            return;
        }
        peers.heard(datagram.sender(), loop.nowMillis());
        PeerReplies replies = this.replies;
        if (replies == null || replies.socket() != socket) {
            replies = new PeerReplies(socket, peers, loop::nowMillis);
            this.replies = replies;
        }
        instance.message(datagram, replies);
    }

    @Override
    public void endOfBatch(int count, boolean more) {
        screen.endOfBatch(count, more);
    }

    /**
     * Puts {@code next} (loaded and opened) in front of the port, on the loop, and retires the instance it replaces.
     *
     * @return completes when the replaced instance's {@code close(ctx)} has run
     */
    public CompletableFuture<Void> swap(HandlerInstance next, Path nextFile, RestartBackoff nextRestarts,
                                        long drainMillis) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            HandlerInstance old = current;
            current = next;
            restarts = nextRestarts;
            measuredHeap = 0; // the new version has not been measured; its output gets the whole budget meanwhile
            file = nextFile;
            fingerprint = Fingerprint.of(next.sources());
            retire(old, drainMillis).whenComplete((v, e) -> done.complete(null));
        });
        return done;
    }

    /** Applies edited manifest rules in place, on the loop. */
    public CompletableFuture<Void> updateRules(Manifest rules) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            screen.update(rules);
            outbound.update(rules);
            done.complete(null);
        });
        return done;
    }

    /** Whether the rules in force equal {@code rules}. */
    public boolean hasRules(Manifest rules) {
        return screen.rules().equals(rules);
    }

    /**
     * Stops taking work: the serving instance is retired like a replaced one (its signal aborts, its connections
     * drain up to {@code drainMillis}, then its {@code close(ctx)} runs). The caller closes the listener first.
     */
    public CompletableFuture<Void> shutdown(long drainMillis) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            HandlerInstance old = current;
            current = null;
            retire(old, drainMillis).whenComplete((v, e) -> done.complete(null));
        });
        return done;
    }

    /** On the loop. */
    private CompletableFuture<Void> retire(HandlerInstance instance, long drainMillis) {
        if (instance == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        retiring.put(instance, done);
        try {
            instance.abort("this version of " + spec.handlerFileName() + " is being retired");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "aborting " + spec.handlerFileName() + " failed", e);
        }
        if (live.getOrDefault(instance, Set.of()).isEmpty()) {
            finishRetirement(instance);
        } else {
            loop.schedule(() -> {
                if (retiring.containsKey(instance)) {
                    Set<Connection> remaining = live.remove(instance);
                    int n = remaining == null ? 0 : remaining.size();
                    LOG.log(Level.INFO, spec.handlerFileName() + ": " + n + " connection(s) of a retired version still "
                            + "open after the " + drainMillis + " ms drain timeout; closing them");
                    if (remaining != null) {
                        remaining.forEach(Connection::destroy);
                    }
                    finishRetirement(instance);
                }
            }, drainMillis);
        }
        return done;
    }

    /** On the loop. */
    private void finishRetirement(HandlerInstance instance) {
        CompletableFuture<Void> done = retiring.remove(instance);
        if (done == null) {
            return;
        }
        try {
            instance.close().whenComplete((v, e) -> done.complete(null));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "close(ctx) of " + spec.handlerFileName() + " failed", e);
            done.complete(null);
        }
    }
}

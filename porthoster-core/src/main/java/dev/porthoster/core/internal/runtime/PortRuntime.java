package dev.porthoster.core.internal.runtime;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.Protocol;
import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramSender;
import dev.porthoster.api.spi.EdgeRefusal;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.TcpEdge;
import dev.porthoster.api.spi.Transport;
import dev.porthoster.core.HandlerStatus;
import dev.porthoster.core.LogLines;
import dev.porthoster.core.internal.RestartBackoff;
import dev.porthoster.core.manifest.Manifest;
import dev.porthoster.core.manifest.TlsMaterial;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One served port: its listening socket, the screen in front of it, and the copies of its handler that receive what
 * passes ({@link PortCopy}: one, or N for {@code instances: N}, each on a loop of its own). The socket stays bound while
 * the instances behind it are swapped, so a reload never drops the port, even one that changes how many copies serve.
 *
 * <p>New TCP connections are spread over the copies round robin ({@link #next}, asked by the transport's accepting
 * thread before a connection is registered anywhere), passing over a copy that is waiting out a restart backoff;
 * datagrams are spread by the transport, by source. Screening happens on the loop of the copy that got the connection
 * or datagram, before the handler sees anything, against the one {@link Screen} of the port, so caps and rates hold
 * for the port as a whole: a refused connection is reset, a refused datagram dropped. A TCP port's {@link PortEdge
 * edge} (PROXY trust, TLS) is handed to the transport at every accept: screening sees the client a trusted PROXY
 * header names, and happens before a TLS handshake, so a refused source costs no handshake. {@code ctx.reply} goes only to
 * a recent peer of the port ({@link PeerReplies}), from the socket the datagram came in on. Connections stay with the
 * instance that accepted them until they close; a retired instance's {@code close(ctx)} runs when its last
 * connection is gone or the drain timeout passes.
 */
public final class PortRuntime implements Transport.TcpAcceptor, Transport.DatagramReceiver, Transport.Spread {

    private final PortSpec spec;
    private final Screen screen;
    private final RefusalLog refusalLog;
    /** The port's PROXY trust and TLS files, and refusals at the edge (thread-safe). */
    private final PortEdge edge;
    /** Who may get a {@code ctx.reply}: one record for the port, shared by its copies (thread-safe). */
    private final RecentPeers peers;
    /** The broker's budget for a handler whose manifest sets no {@code limits.memory}. */
    private final long defaultMemoryBudget;
    private volatile Path file;
    private volatile Fingerprint fingerprint;
    private volatile Transport.Listener listener;
    /** The copies taking new work, in order; replaced whole under this object's lock. */
    private volatile PortCopy[] copies;
    /**
     * Every copy whose loop still runs (the serving ones, and any leaving after the copies were cut down), where the
     * copy a connection or datagram arrived on is looked up by its loop; replaced whole under this object's lock.
     */
    private volatile PortCopy[] present;
    private final AtomicInteger nextCopy = new AtomicInteger();

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

    /**
     * One copy of a handler, loaded and opened on its loop, ready to serve.
     *
     * @param loop     the copy's own loop
     * @param instance the instance, loaded and opened on {@code loop}
     * @param restarts the restart record the instance reports to
     * @param outbound the gate the instance's outbound traffic goes through: the copy's, on its loop, which a reload
     *                 keeps for the copy's next version
     */
    public record Loaded(Transport.Loop loop, HandlerInstance instance, RestartBackoff restarts, OutboundGate outbound) {
        public Loaded {
            Objects.requireNonNull(loop, "loop");
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(restarts, "restarts");
            Objects.requireNonNull(outbound, "outbound");
        }
    }

    /** How long a PROXY header and a TLS handshake may each take unless the broker says otherwise. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** A port served by one instance on {@code loop}. */
    public PortRuntime(PortSpec spec, Path file, Transport.Loop loop, HandlerInstance instance, Manifest rules,
                       RestartBackoff restarts, long defaultMemoryBudget, ReplyRule replyRule, OutboundGate outbound) {
        this(spec, file, List.of(new Loaded(loop, instance, restarts, outbound)), rules, defaultMemoryBudget, replyRule,
                DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /**
     * A port served by {@code copies} (at least one), copy {@code i} on the loop it was loaded on.
     *
     * @param handshakeTimeout how long a PROXY header (with {@code proxyProtocol}) and a TLS handshake (with
     *                         {@code tls}) may each take before the connection is refused
     */
    public PortRuntime(PortSpec spec, Path file, List<Loaded> copies, Manifest rules, long defaultMemoryBudget,
                       ReplyRule replyRule, Duration handshakeTimeout) {
        if (copies.isEmpty()) {
            throw new IllegalArgumentException("a port needs at least one copy of its handler");
        }
        this.spec = Objects.requireNonNull(spec, "spec");
        this.file = Objects.requireNonNull(file, "file");
        this.peers = new RecentPeers(replyRule.windowMillis(), replyRule.peerLimit());
        this.defaultMemoryBudget = defaultMemoryBudget;
        Transport.Loop first = copies.getFirst().loop();
        this.screen = spec.protocol() == Protocol.UDP
                ? new Screen(rules, first::nowMillis, () -> KernelDrops.at(spec.port()))
                : new Screen(rules, first::nowMillis);
        this.refusalLog = new RefusalLog(spec.handlerFileName(), first::nowMillis);
        this.edge = new PortEdge(screen::rules, handshakeTimeout);
        PortCopy[] made = new PortCopy[copies.size()];
        for (int i = 0; i < made.length; i++) {
            made[i] = newCopy(i, copies.size(), copies.get(i));
        }
        this.copies = made;
        this.present = made;
        this.fingerprint = Fingerprint.of(copies.getFirst().instance().sources());
    }

    private PortCopy newCopy(int index, int of, Loaded loaded) {
        String name = spec.handlerFileName() + (of > 1 || index > 0 ? " (copy " + index + ")" : "");
        return new PortCopy(index, loaded.loop(), name, loaded.instance(), loaded.restarts(), this::memoryBudgetBytes,
                screen.newFairShare(), loaded.outbound());
    }

    public PortSpec spec() {
        return spec;
    }

    public Path file() {
        return file;
    }

    /** The copies serving now, in order: {@code instances} of them. */
    public List<PortCopy> copies() {
        return List.of(copies);
    }

    /** The loops of the copies serving now, in order. */
    public List<Transport.Loop> loops() {
        return Arrays.stream(copies).map(PortCopy::loop).toList();
    }

    /** The memory budget of each copy: the heap its code retains plus the output its connections have queued. */
    public long memoryBudgetBytes() {
        return screen.rules().limits().memory().orElse(defaultMemoryBudget);
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

    /** Told of every TCP connection accepted or refused, on the loop of the copy it reached. */
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

    /** The port's outbound traffic, summed over its copies' gates. */
    public HandlerStatus.Outbound outboundStatus() {
        int open = 0;
        long connections = 0;
        long datagrams = 0;
        Map<String, Long> refused = new TreeMap<>();
        for (PortCopy c : copies) {
            HandlerStatus.Outbound o = c.outbound().status();
            open += o.open();
            connections += o.connections();
            datagrams += o.datagrams();
            o.refused().forEach((k, v) -> refused.merge(k, v, Long::sum));
        }
        return new HandlerStatus.Outbound(open, connections, datagrams, refused);
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

    /**
     * Refusals so far by reason, screening's ({@code source_rate}, {@code denied}, ...) and the edge's
     * ({@code proxy_missing}, {@code tls_timeout}, ...); reasons with no refusal are left out.
     */
    public Map<String, Long> refusalsByName() {
        Map<String, Long> out = new TreeMap<>(screen.refusalsByName());
        out.putAll(edge.refusalsByName());
        return out;
    }

    /** Whether a source file of the serving instances changed since they were loaded. */
    public boolean sourcesChanged() {
        return fingerprint.changed();
    }

    /** The copy whose loop runs the calling thread: where a connection or datagram arrived. */
    private PortCopy here() {
        PortCopy[] all = present;
        if (all.length > 1) {
            for (PortCopy c : all) {
                if (c.here()) {
                    return c;
                }
            }
        }
        return all[0];
    }

    /**
     * The loop of the copy the next connection goes to, on the transport's accepting thread: round robin, as Node's
     * cluster hands out connections, passing over a copy that waits out a restart backoff (it would reset them).
     */
    @Override
    public EventLoop next() {
        PortCopy[] serving = copies;
        PortCopy pick = serving[0];
        if (serving.length > 1) {
            int start = Math.floorMod(nextCopy.getAndIncrement(), serving.length);
            pick = serving[start];
            for (int k = 0; k < serving.length; k++) {
                PortCopy c = serving[(start + k) % serving.length];
                if (!c.waitingToRestart()) {
                    pick = c;
                    break;
                }
            }
        }
        pick.spreadHere();
        return pick.loop();
    }

    @Override
    public ConnectionEvents accept(Connection connection) {
        PortCopy copy = here();
        copy.landed();
        return admit(copy, connection) ? handOver(copy, connection) : ConnectionEvents.IGNORE;
    }

    @Override
    public Optional<Transport.Admitted> screen(Connection connection) {
        PortCopy copy = here();
        copy.landed();
        if (!admit(copy, connection)) {
            return Optional.empty();
        }
        return Optional.of(new Transport.Admitted() {
            @Override
            public ConnectionEvents accept() {
                return handOver(copy, connection);
            }

            @Override
            public void refused(EdgeRefusal reason, String detail) {
                screen.closed(connection.remoteAddress().getAddress());
                edgeRefused(connection.remoteAddress(), reason, detail);
            }
        });
    }

    /** A connection refused at the edge before screening (a PROXY header missing, late or untrusted). */
    @Override
    public void refused(InetSocketAddress source, EdgeRefusal reason, String detail) {
        here().landed();
        edgeRefused(source, reason, detail);
    }

    private void edgeRefused(InetSocketAddress source, EdgeRefusal reason, String detail) {
        edge.refused(reason);
        refusalLog.refused(reason, reason.text() + (detail.isEmpty() ? "" : ": " + LogLines.escape(detail, 200)),
                source.getAddress(), "connection");
        tell(source, Optional.of(PortEdge.name(reason)));
    }

    /** Screens a connection by its source; counts the source's connection when it passes. */
    private boolean admit(PortCopy copy, Connection connection) {
        InetAddress source = connection.remoteAddress().getAddress();
        if (copy.current() == null) {
            connection.reset();
            return false;
        }
        Optional<Screen.Reason> refused = screen.admitConnection(source);
        if (refused.isPresent()) {
            tell(connection.remoteAddress(), refused.map(Screen.Reason::key));
            refusalLog.refused(refused.get(), source, "connection");
            connection.reset();
            return false;
        }
        return true;
    }

    /** Hands an admitted connection to the copy's serving instance. */
    private ConnectionEvents handOver(PortCopy copy, Connection connection) {
        InetAddress source = connection.remoteAddress().getAddress();
        if (copy.current() == null) { // the port shut down during the handshake
            screen.closed(source);
            connection.reset();
            return ConnectionEvents.IGNORE;
        }
        tell(connection.remoteAddress(), Optional.empty());
        return copy.handOver(connection, screen.rules().idleTimeout().map(Duration::toMillis),
                () -> screen.closed(source));
    }

    @Override
    public boolean admit(InetSocketAddress sender) {
        PortCopy copy = here();
        if (copy.current() == null) {
            return false;
        }
        Optional<Screen.Reason> refused = screen.admitDatagram(sender.getAddress(), copy.fairShare);
        if (refused.isPresent()) {
            refusalLog.refused(refused.get(), sender.getAddress(), "datagram");
            return false;
        }
        return true;
    }

    @Override
    public void receive(Datagram datagram, DatagramSender socket) {
        PortCopy copy = here();
        HandlerInstance instance = copy.current();
        if (instance == null) {
            return;
        }
        peers.heard(datagram.sender(), copy.loop().nowMillis());
        PeerReplies replies = copy.replies;
        if (replies == null || replies.socket() != socket) {
            replies = new PeerReplies(socket, peers, copy.loop()::nowMillis);
            copy.replies = replies;
        }
        instance.message(datagram, replies);
    }

    @Override
    public void endOfBatch(int count, boolean more) {
        here().fairShare.endOfBatch(count, more);
    }

    /**
     * Puts {@code next} (each loaded and opened on its loop) in front of the port and retires the instances it
     * replaces. Copy {@code i} of the new version takes copy {@code i}'s place (and must have been loaded on its loop);
     * copies beyond the old count are added, each on the new loop it was loaded on; copies beyond the new count stop
     * taking work, drain, and their loops are closed. A UDP port gets a socket for each added copy first: if one
     * cannot be bound, nothing changed and the caller still owns {@code next}.
     *
     * @return completes once every copy of the new version takes new work (the replaced instances drain on after)
     * @throws IOException when a socket for an added copy cannot be bound
     */
    public CompletableFuture<Void> swap(List<Loaded> next, Path nextFile, long drainMillis) throws IOException {
        PortCopy[] old = copies;
        int keep = Math.min(old.length, next.size());
        for (int i = 0; i < keep; i++) {
            if (next.get(i).loop() != old[i].loop()) {
                throw new IllegalArgumentException("copy " + i + " of " + spec.handlerFileName()
                        + " must be loaded on the loop of the copy it replaces");
            }
        }
        PortCopy[] serving = Arrays.copyOf(old, next.size());
        List<PortCopy> grown = new ArrayList<>();
        for (int i = old.length; i < next.size(); i++) {
            serving[i] = newCopy(i, next.size(), next.get(i));
            grown.add(serving[i]);
        }
        PortCopy[] leaving = Arrays.copyOfRange(old, keep, old.length);
        if (!grown.isEmpty()) {
            arrive(grown);
        }
        try {
            spreadDatagrams(serving);
        } catch (IOException e) {
            grown.forEach(this::gone);
            throw e;
        }
        copies = serving;
        file = nextFile;
        fingerprint = Fingerprint.of(next.getFirst().instance().sources());
        List<CompletableFuture<Void>> inFront = new ArrayList<>();
        for (int i = 0; i < keep; i++) {
            inFront.add(old[i].swap(next.get(i).instance(), next.get(i).restarts(), drainMillis));
        }
        for (PortCopy c : leaving) {
            leave(c, drainMillis);
        }
        return CompletableFuture.allOf(inFront.toArray(CompletableFuture[]::new));
    }

    private void spreadDatagrams(PortCopy[] serving) throws IOException {
        List<Transport.Loop> next = Arrays.stream(serving).map(PortCopy::loop).toList();
        if (listener instanceof Transport.UdpListener udp && !next.equals(loops())) {
            udp.spread(next);
        }
    }

    private synchronized void arrive(List<PortCopy> more) {
        PortCopy[] all = Arrays.copyOf(present, present.length + more.size());
        for (int i = 0; i < more.size(); i++) {
            all[present.length + i] = more.get(i);
        }
        present = all;
    }

    private synchronized void gone(PortCopy copy) {
        present = Arrays.stream(present).filter(c -> c != copy).toArray(PortCopy[]::new);
    }

    /**
     * A copy cut off by a reload to fewer copies: once the connections the spread already sent its way have reached it
     * (they are served by its old instance, like any connection accepted before a reload), it is retired like a
     * replaced instance, then its loop closes.
     */
    private CompletableFuture<Void> leave(PortCopy copy, long drainMillis) {
        CompletableFuture<Void> landed = new CompletableFuture<>();
        awaitLanded(copy, copy.loop().nowMillis() + drainMillis, landed);
        return landed.thenCompose(v -> copy.shutdown(drainMillis)).whenComplete((v, e) -> {
            gone(copy);
            copy.loop().close();
        });
    }

    private static void awaitLanded(PortCopy copy, long untilMillis, CompletableFuture<Void> landed) {
        copy.loop().execute(() -> {
            if (copy.inFlight() == 0 || copy.loop().nowMillis() >= untilMillis) {
                landed.complete(null);
            } else {
                copy.loop().schedule(() -> awaitLanded(copy, untilMillis, landed), 1);
            }
        });
    }

    /**
     * Applies edited manifest rules in place: the screen, shared by the copies, takes them at once; each copy's outbound
     * gate on its loop.
     */
    public CompletableFuture<Void> updateRules(Manifest rules) {
        screen.update(rules);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (PortCopy c : copies) {
            CompletableFuture<Void> applied = new CompletableFuture<>();
            c.loop().execute(() -> {
                c.outbound().update(rules);
                applied.complete(null);
            });
            done.add(applied);
        }
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }

    /** Whether the rules in force equal {@code rules}. */
    public boolean hasRules(Manifest rules) {
        return screen.rules().equals(rules);
    }

    /**
     * Stops taking work: every copy's serving instance is retired like a replaced one (its signal aborts, its
     * connections drain up to {@code drainMillis}, then its {@code close(ctx)} runs). The caller closes the listener
     * first, and the copies' {@link #loops()} after.
     */
    public CompletableFuture<Void> shutdown(long drainMillis) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (PortCopy c : copies) {
            done.add(c.shutdown(drainMillis));
        }
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }
}

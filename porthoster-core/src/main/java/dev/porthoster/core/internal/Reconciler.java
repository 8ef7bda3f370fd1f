package dev.porthoster.core.internal;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.Protocol;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.api.spi.Transport;
import dev.porthoster.core.BrokerEvent;
import dev.porthoster.core.internal.edge.TlsFiles;
import dev.porthoster.core.internal.runtime.OutboundGate;
import dev.porthoster.core.internal.runtime.PortCopy;
import dev.porthoster.core.internal.runtime.PortRuntime;
import dev.porthoster.core.plan.FileName;
import dev.porthoster.core.plan.Plan;
import dev.porthoster.core.plan.PlanScanner;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;

/**
 * Applies a fresh scan of the content root to the served ports: opens the ports of new entry points, loads a changed
 * handler beside the version serving (which keeps serving if the new one fails), applies a changed manifest in place,
 * closes the ports of removed handlers, and records every refusal in the {@link ServedPorts}. Runs under the broker's
 * lock, one reconcile at a time.
 */
public final class Reconciler {

    private static final System.Logger LOG = System.getLogger("dev.porthoster.broker");

    /**
     * What the broker was built with that applying a plan needs.
     *
     * @param root          the content root, absolute and normalized
     * @param planOptions   how to read it
     * @param bindAddress   the address every port binds to
     * @param openTimeout   how long loading a handler and its {@code open(ctx)} may take
     * @param drainTimeout  how long a retired version's connections may take to finish
     * @param memoryLimit   the memory budget of a handler whose manifest sets none, in bytes
     * @param replyRule     where {@code ctx.reply} may send
     * @param bindPort      the port each handler's socket binds to, given what its name declares (0: ephemeral)
     * @param connectTimeout how long a handler's outbound TCP connect may take
     * @param handshakeTimeout how long a PROXY header and a TLS handshake may each take
     */
    public record Settings(Path root, Plan.Options planOptions, InetAddress bindAddress, Duration openTimeout,
                           Duration drainTimeout, long memoryLimit, PortRuntime.ReplyRule replyRule,
                           ToIntFunction<PortSpec> bindPort, Duration connectTimeout, Duration handshakeTimeout) {
        public Settings {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
            Objects.requireNonNull(bindPort, "bindPort");
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(planOptions, "planOptions");
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(openTimeout, "openTimeout");
            Objects.requireNonNull(drainTimeout, "drainTimeout");
            Objects.requireNonNull(replyRule, "replyRule");
        }
    }

    private final Settings settings;
    private final Transport transport;
    private final HandlerLoader loader;
    private final ServedPorts ports;
    private final Map<String, JavaEntry> java;
    private final EventDispatch<BrokerEvent> events;

    /**
     * @param java   the Java handlers the application registered, by socket key: always wanted, never reloaded
     * @param events where ports opening, reloading, closing and refusals are told
     */
    public Reconciler(Settings settings, Transport transport, HandlerLoader loader, ServedPorts ports,
                      Map<String, JavaEntry> java, EventDispatch<BrokerEvent> events) {
        this.settings = settings;
        this.transport = transport;
        this.loader = loader;
        this.ports = ports;
        this.java = Map.copyOf(java);
        this.events = events;
    }

    /**
     * The loads under way for an entry point, one per copy ({@code instances}), each on its loop with its outbound gate;
     * the loops started for them alone ({@code fresh}); and the port whose instances they will replace, if any.
     */
    private record Pending(Plan.EntryPoint entry, List<Transport.Loop> loops, List<OutboundGate> gates,
                           List<HandlerLoader.Loading> loadings, List<Transport.Loop> fresh, PortRuntime replacing) {
    }

    /**
     * Rescans the content root and applies the difference; returns the new plan once every change has taken effect
     * or failed.
     */
    public Plan reconcile() {
        Plan next = PlanScanner.scan(settings.root(), settings.planOptions(), ports.incumbents());
        Map<Path, Plan.Refusal> nowRefused = new LinkedHashMap<>();
        for (Plan.Refusal r : next.refusals()) {
            nowRefused.put(r.file(), r);
        }
        List<Plan.EntryPoint> entries = new ArrayList<>();
        for (Plan.EntryPoint e : next.entryPoints()) {
            JavaEntry j = java.get(e.spec().socketKey());
            if (j == null) {
                entries.add(e);
            } else {
                nowRefused.put(e.file(), new Plan.Refusal(e.file(), e.spec().socketKey() + " is served by "
                        + j.entry().file() + ", a Java handler the application registered"));
            }
        }
        for (JavaEntry j : java.values()) {
            Plan.EntryPoint e = j.entry();
            try {
                entries.add(withTls(e));
            } catch (TlsFiles.Refused refused) {
                // Like a refused manifest: nothing opens, or the certificate already served stays.
                Optional<PortRuntime> serving = ports.get(e.spec().socketKey());
                nowRefused.put(e.file(), new Plan.Refusal(e.file(), 0, refused.reason(), serving.isPresent()
                        ? new Plan.Consequence.PreviousVersionServes() : new Plan.Consequence.NothingOpened()));
                serving.ifPresent(port -> entries.add(new Plan.EntryPoint(e.spec(), e.file(), e.manifest(), e.rules(),
                        port.tls())));
            }
        }

        List<CompletableFuture<Void>> waits = new ArrayList<>();
        Map<String, Plan.EntryPoint> wanted = new LinkedHashMap<>();
        entries.forEach(e -> wanted.put(e.spec().socketKey(), e));
        for (PortRuntime port : ports.all()) {
            if (wanted.containsKey(port.spec().socketKey())) {
                continue;
            }
            if (stillNamesItsPort(port)) {
                // The handler is still there but its new manifest (or name) was refused: keep the version that works.
                nowRefused.computeIfPresent(manifestOf(port), (file, refusal) ->
                        refusal.withConsequence(new Plan.Consequence.PreviousVersionServes()));
                continue;
            }
            ports.remove(port);
            port.listener().close();
            LOG.log(Level.INFO, "closed " + port.spec().socketKey() + ": " + port.file().getFileName() + " is gone");
            events.publish(new BrokerEvent.HandlerStopped(port.spec(), port.file()));
            waits.add(stop(port));
        }

        List<Pending> pending = new ArrayList<>();
        for (Plan.EntryPoint entry : entries) {
            PortRuntime existing = ports.get(entry.spec().socketKey()).orElse(null);
            if (existing == null) {
                pending.add(load(entry, null));
            } else if (!existing.file().equals(entry.file()) || existing.sourcesChanged()
                    || !existing.screen().rules().limits().equals(entry.rules().limits())
                    || existing.copies().size() != entry.rules().instances()) {
                // Changed limits or instances reload too: an engine reads limits when it loads an instance, and a
                // reload is the path that swaps every copy safely.
                pending.add(load(entry, existing));
            } else {
                if (!existing.hasRules(entry.rules())) {
                    waits.add(existing.updateRules(entry.rules()));
                    LOG.log(Level.INFO, "applied the changed manifest of " + entry.file().getFileName());
                }
                applyTls(existing, entry);
            }
        }
        for (Pending p : pending) {
            finish(p, waits).ifPresent(refusal -> nowRefused.put(p.entry().file(), refusal));
        }
        await(waits, "applying changes");
        // One line per distinct message: a refused manifest is also the reason its handler is refused.
        java.util.Set<String> logged = new java.util.HashSet<>();
        for (Plan.Refusal refusal : ports.settle(nowRefused)) {
            if (logged.add(refusal.message())) {
                LOG.log(Level.WARNING, refusal.message());
            }
            events.publish(new BrokerEvent.HandlerRefused(refusal.file(), refusal.message()));
        }
        return next;
    }

    /**
     * Stops serving: closes every listening socket, then retires every port's handler (its connections drain up to
     * the drain timeout, its {@code close(ctx)} runs) and closes its loop. Returns when all are done or the wait has
     * run out.
     */
    public void shutdown() {
        List<PortRuntime> all = ports.all();
        ports.clear();
        for (PortRuntime port : all) {
            port.listener().close();
        }
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (PortRuntime port : all) {
            closing.add(stop(port));
        }
        await(closing, "draining connections and running close(ctx)");
        all.forEach(port -> events.publish(new BrokerEvent.HandlerStopped(port.spec(), port.file())));
    }

    /** Retires every copy of {@code port}'s handler, then closes their loops. */
    private CompletableFuture<Void> stop(PortRuntime port) {
        List<Transport.Loop> loops = port.loops();
        return port.shutdown(settings.drainTimeout().toMillis()).whenComplete((v, e) -> loops.forEach(Transport.Loop::close));
    }

    /**
     * Starts loading the {@code instances} copies of {@code entry}, copy {@code i} on the loop of {@code replacing}'s
     * copy {@code i} while there is one (with that copy's outbound gate, whose counts go on) and on a loop of its own
     * started for it otherwise, with a gate of its own: whatever a copy does, it holds only its own loop. The loads
     * run in parallel.
     */
    private Pending load(Plan.EntryPoint entry, PortRuntime replacing) {
        int n = entry.rules().instances();
        List<PortCopy> serving = replacing == null ? List.of() : replacing.copies();
        List<Transport.Loop> use = new ArrayList<>();
        List<OutboundGate> gates = new ArrayList<>();
        List<Transport.Loop> fresh = new ArrayList<>();
        List<HandlerLoader.Loading> loadings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Transport.Loop loop;
            OutboundGate gate;
            if (i < serving.size()) {
                loop = serving.get(i).loop();
                gate = serving.get(i).outbound();
            } else {
                loop = transport.newLoop(entry.spec().name() + "." + entry.spec().socketKey().replace('/', '.')
                        + (i > 0 ? "#" + i : ""));
                fresh.add(loop);
                gate = new OutboundGate(entry.spec(), transport, loop, settings.connectTimeout(),
                        entry.rules().limits().memory().orElse(settings.memoryLimit()));
            }
            use.add(loop);
            gates.add(gate);
            loadings.add(loader.load(entry, loop, gate, i, n));
        }
        return new Pending(entry, use, gates, loadings, fresh, replacing);
    }

    /**
     * New connections get the entry's certificate from now on, if it changed; open ones keep the one they were served
     * with, and the port stays bound.
     */
    private static void applyTls(PortRuntime port, Plan.EntryPoint entry) {
        if (!port.tls().equals(entry.tls())) {
            port.updateTls(entry.tls());
            LOG.log(Level.INFO, entry.file().getFileName() + ": new connections get " + entry.tls()
                    .map(t -> "the certificate of " + t.subject() + " (valid until " + t.notAfter() + ")")
                    .orElse("no TLS") + "; open ones keep theirs");
        }
    }

    /**
     * A Java handler's entry with its TLS files read: its rules came from the application, not from a manifest the
     * scan read, so the files are read here, at every reconcile, and a renewal on disk applies as for a file's.
     */
    private Plan.EntryPoint withTls(Plan.EntryPoint entry) throws TlsFiles.Refused {
        if (entry.rules().tls().isEmpty() || entry.tls().isPresent()) {
            return entry;
        }
        return new Plan.EntryPoint(entry.spec(), entry.file(), entry.manifest(), entry.rules(),
                Optional.of(TlsFiles.load(settings.root(), entry.rules().tls().get(), Instant.now())));
    }

    /** Whether the serving handler's file is still in the root under a name that claims the same port. */
    private boolean stillNamesItsPort(PortRuntime port) {
        return Files.isRegularFile(port.file(), LinkOption.NOFOLLOW_LINKS)
                && FileName.ofTopLevel(port.file().getFileName().toString(), settings.planOptions().serveUnderscored())
                        instanceof FileName.Handler h && h.spec().equals(port.spec());
    }

    private static Path manifestOf(PortRuntime port) {
        return port.file().resolveSibling(port.spec().manifestFileName());
    }

    /**
     * Completes the loads of an entry point: binds a new port or swaps the instances of an existing one, once every
     * copy has loaded and opened. A copy that fails refuses the whole version: every copy loaded is closed, and an
     * existing port keeps its serving version whole. Returns the refusal, if any; adds to {@code waits} what must
     * happen before the change has taken effect (every copy of a reloaded port taking new work).
     */
    private Optional<Plan.Refusal> finish(Pending p, List<CompletableFuture<Void>> waits) {
        Plan.EntryPoint entry = p.entry();
        Plan.Consequence keeps = p.replacing() == null ? new Plan.Consequence.NothingOpened()
                : new Plan.Consequence.PreviousVersionServes();
        long openMillis = settings.openTimeout().toMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(openMillis);
        int n = p.loadings().size();
        List<PortRuntime.Loaded> loaded = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HandlerLoader.Loading loading = p.loadings().get(i);
            try {
                HandlerInstance instance = loading.instance().get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                loaded.add(new PortRuntime.Loaded(p.loops().get(i), instance, loading.restarts(), p.gates().get(i)));
            } catch (ExecutionException e) {
                discardWhenLoaded(p);
                return Optional.of(loadFailure(entry, e.getCause(), i, n).withConsequence(keeps));
            } catch (TimeoutException e) {
                discardWhenLoaded(p);
                return Optional.of(new Plan.Refusal(entry.file(), 0, "loading and open(ctx) took longer than "
                        + openMillis + " ms" + (n > 1 ? " (copy " + i + " of " + n + ")" : ""), keeps));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                discardWhenLoaded(p);
                return Optional.of(new Plan.Refusal(entry.file(), 0, "interrupted", keeps));
            }
        }
        PortSpec spec = entry.spec();
        if (p.replacing() != null) {
            try {
                waits.add(p.replacing().swap(loaded, entry.file(), settings.drainTimeout().toMillis()));
            } catch (IOException e) {
                discardWhenLoaded(p);
                return Optional.of(new Plan.Refusal(entry.file(), 0, String.valueOf(e.getMessage()), keeps));
            }
            if (!p.replacing().hasRules(entry.rules())) {
                p.replacing().updateRules(entry.rules());
            }
            applyTls(p.replacing(), entry);
            LOG.log(Level.INFO, "reloaded " + entry.file().getFileName() + (n > 1 ? " (" + n + " copies)" : "")
                    + "; new connections get the new version, open ones finish on the old");
            events.publish(new BrokerEvent.HandlerReloaded(spec, entry.file()));
            return Optional.empty();
        }
        PortRuntime port = new PortRuntime(spec, entry.file(), loaded, entry.rules(), settings.memoryLimit(),
                settings.replyRule(), settings.handshakeTimeout());
        port.updateTls(entry.tls());
        int bindPort = settings.bindPort().applyAsInt(spec);
        if (bindPort < 0 || bindPort > 65535) {
            discardWhenLoaded(p);
            return Optional.of(new Plan.Refusal(entry.file(), "the broker's bindPort option gave port " + bindPort
                    + " for " + spec.socketKey() + ", out of range 0–65535"));
        }
        InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), bindPort);
        try {
            Transport.Listener listener = spec.protocol() == Protocol.TCP
                    ? transport.bindTcp(address, port, port)
                    : transport.bindUdp(address, p.loops(), port);
            port.bound(listener);
        } catch (IOException e) {
            discardWhenLoaded(p);
            return Optional.of(new Plan.Refusal(entry.file(), String.valueOf(e.getMessage())));
        }
        ports.add(port);
        port.onScreened((remote, refusal) -> events.publish(refusal.isPresent()
                ? new BrokerEvent.ConnectionRefused(spec, remote, refusal.get())
                : new BrokerEvent.ConnectionAccepted(spec, remote)));
        events.publish(new BrokerEvent.HandlerServed(spec, entry.file(), port.listener().localAddress()));
        LOG.log(Level.INFO, "serving " + entry.file().getFileName() + " on " + spec.protocol().token() + " "
                + format(port.listener().localAddress()) + (n > 1 ? " (" + n + " copies)" : ""));
        return Optional.empty();
    }

    /**
     * Closes the loads of a version that will not serve, each once it has finished, and the loops started for them
     * alone.
     */
    private static void discardWhenLoaded(Pending p) {
        for (int i = 0; i < p.loadings().size(); i++) {
            Transport.Loop loop = p.loops().get(i);
            boolean fresh = p.fresh().contains(loop);
            p.loadings().get(i).instance().whenComplete((late, error) -> loop.execute(() -> {
                if (late != null) {
                    late.close();
                }
                if (fresh) {
                    loop.close();
                }
            }));
        }
    }

    private static Plan.Refusal loadFailure(Plan.EntryPoint entry, Throwable cause, int copy, int copies) {
        if (cause instanceof HandlerLoadException e) {
            return new Plan.Refusal(e.file(), e.line().orElse(0), e.reason());
        }
        return new Plan.Refusal(entry.file(), "open(ctx) failed" + (copies > 1 ? " in copy " + copy + " of " + copies
                : "") + ": " + cause.getMessage());
    }

    private void await(List<CompletableFuture<Void>> waits, String what) {
        try {
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(
                    settings.openTimeout().plus(settings.drainTimeout()).toMillis(), TimeUnit.MILLISECONDS);
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
}

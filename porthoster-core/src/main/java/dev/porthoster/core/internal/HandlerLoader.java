package dev.porthoster.core.internal;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.api.spi.HandlerLog;
import dev.porthoster.api.spi.ScriptEngine;
import dev.porthoster.api.spi.StoreBackend;
import dev.porthoster.core.BrokerEvent;
import dev.porthoster.core.internal.runtime.GatedOutbound;
import dev.porthoster.core.internal.runtime.OutboundGate;
import dev.porthoster.core.plan.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Loads an entry point into the script engine on its port's loop and runs its {@code open(ctx)}. Builds the host a
 * handler instance sees: its spec and files, its loop, the shared store, its bounded log, its watchdog limit and the
 * restart policy it reports to.
 */
public final class HandlerLoader {

    private final ScriptEngine engine;
    private final Path root;
    private final StoreBackend store;
    private final Duration callbackLimit;
    private final Map<String, JavaEntry> java;
    private final EventDispatch<BrokerEvent> events;

    /**
     * @param callbackLimit the watchdog limit of a handler whose manifest sets no {@code limits.callback}
     * @param java          the Java handlers registered, by socket key: loaded as Java, not by the engine
     * @param events        where restarts are told
     */
    public HandlerLoader(ScriptEngine engine, Path root, StoreBackend store, Duration callbackLimit,
                         Map<String, JavaEntry> java, EventDispatch<BrokerEvent> events) {
        this.engine = engine;
        this.root = root;
        this.store = store;
        this.callbackLimit = callbackLimit;
        this.java = Map.copyOf(java);
        this.events = events;
    }

    /**
     * A load under way, and the restart record its instance reports to.
     *
     * @param instance completes with the opened instance, or with why it could not load or open
     * @param restarts the restart record of that instance
     */
    public record Loading(CompletableFuture<HandlerInstance> instance, RestartBackoff restarts) { }

    /**
     * Starts loading {@code entry}, a handler served by one copy, on {@code loop}; returns at once. Its outbound traffic
     * goes through {@code gate}; what it opened there is closed when it restarts and once it is closed.
     */
    public Loading load(Plan.EntryPoint entry, EventLoop loop, OutboundGate gate) {
        return load(entry, loop, gate, 0, 1);
    }

    /**
     * Starts loading copy {@code copy} of {@code copies} of {@code entry} on {@code loop}; returns at once. Each copy
     * has a context of its own (its own globals), its own log tag ({@code [echo.tcp.7000#1]} when there are several),
     * its own restart record and its own outbound {@code gate} (the copy's, on its loop).
     */
    public Loading load(Plan.EntryPoint entry, EventLoop loop, OutboundGate gate, int copy, int copies) {
        HandlerLog log = HandlerLogs.of(entry.spec(), copy, copies);
        RestartBackoff restarts = new RestartBackoff(loop::nowMillis, log);
        GatedOutbound outbound = gate.forInstance(entry.rules());
        HandlerHost host = new Host(entry.spec(), root, entry.file(), loop, copy, store, log,
                entry.rules().limits().callback().orElse(callbackLimit), restarts, events, outbound);
        JavaEntry javaEntry = java.get(entry.spec().socketKey());
        CompletableFuture<HandlerInstance> result = new CompletableFuture<>();
        loop.execute(() -> {
            HandlerInstance instance;
            try {
                // By file, not identity: the entry may be a copy of the registered one with its TLS files read.
                instance = new ClosesOutbound(javaEntry != null && javaEntry.entry().file().equals(entry.file())
                        ? new JavaHandlerInstance(host, javaEntry::handler) : engine.load(host), outbound);
            } catch (HandlerLoadException | RuntimeException e) {
                outbound.close();
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

    private record Host(PortSpec spec, Path contentRoot, Path file, EventLoop loop, int instance, StoreBackend shared,
                        HandlerLog log, Duration callbackLimit, RestartBackoff restarts,
                        EventDispatch<BrokerEvent> events, GatedOutbound outbound) implements HandlerHost {
        @Override
        public void restartAfterBackoff(String reason, Runnable boot) {
            outbound.closeAll(); // the stopped copy's outbound connections go with its inbound ones
            events.publish(new BrokerEvent.HandlerRestarted(spec, reason));
            restarts.restartAfterBackoff(reason, loop, boot);
        }
    }
}

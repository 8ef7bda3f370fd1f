package dev.porthoster.core;

import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.OutboundException;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.Dialer;
import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.Outbound;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.api.spi.HandlerLog;
import dev.porthoster.api.spi.NodeDifference;
import dev.porthoster.api.spi.ScriptEngine;
import dev.porthoster.api.spi.StoreBackend;
import dev.porthoster.api.PortSpec;
import dev.porthoster.core.plan.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Loads every entry point of a plan into the engine without opening anything, so {@code porthoster check} reports
 * syntax errors, bad imports and missing exports with file and line before a deploy, and what the engine runs but
 * not as Node does.
 */
public final class HandlerCheck {

    private HandlerCheck() {
    }

    /**
     * What checking a plan's entry points found.
     *
     * @param failures    one refusal per entry point that would fail to load, in plan order
     * @param differences code the engine runs but not as Node does (docs/engines.md), each once, in the order found
     */
    public record Result(List<Plan.Refusal> failures, List<NodeDifference> differences) {
        public Result {
            failures = List.copyOf(failures);
            differences = List.copyOf(differences);
        }
    }

    /**
     * Evaluates each entry point's module (top-level code runs; {@code open} does not; timers never fire).
     *
     * @param engineId the engine to check with, as for {@link Engines#select(Optional)}
     * @return one refusal per entry point that would fail to load, in plan order
     */
    public static List<Plan.Refusal> loadEach(Plan plan, Optional<String> engineId) {
        return check(plan, engineId).failures();
    }

    /**
     * Evaluates each entry point's module as {@link #loadEach} does, and collects what the engine reports as running
     * differently from Node ({@code porthoster check --engine rhino} lists it).
     *
     * @param engineId the engine to check with, as for {@link Engines#select(Optional)}
     */
    public static Result check(Plan plan, Optional<String> engineId) {
        List<Plan.Refusal> failures = new ArrayList<>();
        Set<NodeDifference> differences = new LinkedHashSet<>();
        StoreBackend store = SharedStores.inMemory(1 << 20, () -> 0L);
        try (ScriptEngine engine = Engines.select(engineId).create()) {
            for (Plan.EntryPoint entry : plan.entryPoints()) {
                try {
                    HandlerInstance instance = engine.load(new CheckHost(entry.spec(), plan.root(), entry.file(), store,
                            differences));
                    instance.abort("check only");
                } catch (HandlerLoadException e) {
                    failures.add(new Plan.Refusal(e.file(), e.line().orElse(0), e.reason()));
                }
            }
        }
        return new Result(failures, List.copyOf(differences));
    }

    private record CheckHost(PortSpec spec, Path contentRoot, Path file, StoreBackend shared,
                             Set<NodeDifference> differences) implements HandlerHost {
        @Override
        public EventLoop loop() {
            return INERT_LOOP;
        }

        @Override
        public HandlerLog log() {
            return (level, message) -> { };
        }

        @Override
        public void nodeDifference(NodeDifference difference) {
            differences.add(difference);
        }

        @Override
        public Outbound outbound() {
            return NO_NETWORK;
        }
    }

    /** Top-level code may connect out as it may set a timer: the attempt is taken and, like the timer, goes nowhere. */
    private static final Outbound NO_NETWORK = new Outbound() {
        @Override
        public EventLoop.Cancellable connect(String address, int port, Dialer.Connector connector) {
            return () -> { };
        }

        @Override
        public Datagrams datagrams(Consumer<Datagram> listener) {
            return new Datagrams() {
                @Override
                public Optional<OutboundException> send(byte[] payload, String address, int port) {
                    return Optional.empty();
                }

                @Override
                public void close() {
                }
            };
        }
    };

    /** Runs tasks handed to it at once, on the caller's thread; timers never fire. */
    private static final EventLoop INERT_LOOP = new EventLoop() {
        @Override
        public boolean inEventLoop() {
            return true;
        }

        @Override
        public Cancellable schedule(Runnable task, long delayMillis) {
            return () -> { };
        }

        @Override
        public long nowMillis() {
            return 0;
        }

        @Override
        public void execute(Runnable command) {
            command.run();
        }
    };
}

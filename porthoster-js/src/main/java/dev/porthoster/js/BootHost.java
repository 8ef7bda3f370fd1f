package dev.porthoster.js;

import dev.porthoster.api.OutboundException;
import dev.porthoster.api.spi.Addresses;
import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.DatagramReplies;
import dev.porthoster.api.spi.Dialer;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerLog;
import dev.porthoster.api.spi.Outbound;
import dev.porthoster.js.spi.Arguments;
import dev.porthoster.js.spi.ScriptContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The prelude's {@code host} object for one boot of a handler (see the top of prelude.js), and what that boot
 * registered outside its context through it: timers and subscriptions. {@link #drop()} cancels and undoes them when
 * the boot ends (a restart, a close); a timer, store completion or published message that arrives later for a
 * dropped boot is never run, least of all in its successor. Used only on the instance's loop.
 */
final class BootHost {

    /** Runs a script callback the way the lifecycle does (watchdog armed, failures logged); false if it failed. */
    @FunctionalInterface
    interface Runner {
        boolean run(Object fn, Object... args);
    }

    /** The most {@code host.random(n)} hands out at once; the prelude asks for more in several calls. */
    static final int MAX_RANDOM_BYTES = 65_536;

    private final HandlerHost host;
    private final ScriptContext context;
    private final Runner runner;
    private final Supplier<DatagramReplies> replies;
    private final BiFunction<Connection, Object, ConnectionEvents> outboundEvents;
    private final Map<Integer, EventLoop.Cancellable> timers = new HashMap<>();
    /** This boot's UDP sockets for outbound datagrams ({@code ctx.udp}). */
    private final List<Outbound.Datagrams> datagramSockets = new ArrayList<>();
    private final List<Runnable> subscriptions = new ArrayList<>();
    private int nextTimer;
    private boolean dropped;
    private boolean ticksRequested;

    /**
     * @param outboundEvents where an outbound connection this boot asked for goes once made: given the connection and
     *                       the prelude's {@code connected} callback, registers it in the instance's connection table
     *                       and returns the connection's events
     */
    BootHost(HandlerHost host, ScriptContext context, Runner runner, Supplier<DatagramReplies> replies,
             BiFunction<Connection, Object, ConnectionEvents> outboundEvents) {
        this.host = host;
        this.context = context;
        this.runner = runner;
        this.replies = replies;
        this.outboundEvents = outboundEvents;
    }

    /** Cancels this boot's timers and undoes its subscriptions; whatever completes for it later is dropped. */
    void drop() {
        dropped = true;
        timers.values().forEach(EventLoop.Cancellable::cancel);
        timers.clear();
        List.copyOf(subscriptions).forEach(Runnable::run);
        subscriptions.clear();
        datagramSockets.forEach(Outbound.Datagrams::close);
        datagramSockets.clear();
    }

    /** Whether the prelude asked (since the last call) for its nextTick queue to run after the promise jobs. */
    boolean takeTickRequest() {
        boolean asked = ticksRequested;
        ticksRequested = false;
        return asked;
    }

    private void run(Object fn, Object... args) {
        if (!dropped) {
            runner.run(fn, args);
        }
    }

    /** The native operations, by name. */
    Map<String, HostFunction> operations() {
        HandlerLog log = host.log();
        EventLoop loop = host.loop();
        Map<String, HostFunction> ops = new LinkedHashMap<>();
        ops.put("log", HostFunction.of("log", 2, a -> {
            log.log(HandlerLog.Level.named(a.text(0)), a.text(1));
            return null;
        }));
        ops.put("now", HostFunction.of("now", 0, a -> System.nanoTime() / 1e6));
        ops.put("requestTicks", HostFunction.of("requestTicks", 0, a -> {
            ticksRequested = true;
            return null;
        }));
        ops.put("random", HostFunction.of("random", 1, a -> {
            long n = a.integer(0);
            if (n < 0 || n > MAX_RANDOM_BYTES) {
                throw new IllegalArgumentException("random: " + n + " bytes asked for; at most "
                        + MAX_RANDOM_BYTES + " a call");
            }
            byte[] bytes = new byte[(int) n];
            host.randomBytes(bytes);
            return bytes;
        }));
        ops.put("setTimer", HostFunction.of("setTimer", 2, a -> {
            Object fn = a.value(0);
            int id = ++nextTimer;
            timers.put(id, loop.schedule(() -> {
                timers.remove(id);
                run(fn);
            }, Math.max(0, a.integer(1))));
            return id;
        }));
        ops.put("clearTimer", HostFunction.of("clearTimer", 1, a -> {
            EventLoop.Cancellable timer = timers.remove((int) a.integer(0));
            if (timer != null) {
                timer.cancel();
            }
            return null;
        }));
        ops.put("store", HostFunction.of("store", 6, a -> {
            Object resolve = a.value(4);
            Object reject = a.value(5);
            StoreCalls.call(host.shared(), a.text(0), storeArg(a, 1), storeArg(a, 2), storeArg(a, 3))
                    .whenComplete((result, error) -> loop.execute(() -> {
                        if (dropped) {
                            return; // the boot that asked is gone: never call into its successor
                        }
                        if (error != null) {
                            Throwable cause = error instanceof CompletionException ce && ce.getCause() != null
                                    ? ce.getCause() : error;
                            run(reject, String.valueOf(cause.getMessage()));
                        } else {
                            run(resolve, context.toScript(result));
                        }
                    }));
            return null;
        }));
        ops.put("subscribe", HostFunction.of("subscribe", 2, a -> {
            Object listener = a.value(1);
            Consumer<String> deliver = message -> loop.execute(() -> run(listener, message));
            Runnable undo = host.shared().subscribe(a.text(0), deliver);
            subscriptions.add(undo);
            return HostFunction.of("unsubscribe", 0, x -> {
                subscriptions.remove(undo);
                undo.run();
                return null;
            });
        }));
        ops.put("reply", new HostFunction("reply", 3, OptionalInt.of(0), a -> {
            DatagramReplies current = replies.get();
            if (current == null) {
                return "ctx.reply can only be used after a datagram arrived";
            }
            return current.reply(a.bytes(0), a.text(1), (int) a.integer(2)).orElse(null);
        }));
        outboundOperations(ops);
        return ops;
    }

    /**
     * {@code connect(address, port, connected, failed) -> cancel}: an outbound TCP connection through the host's
     * {@link Outbound} (which checks the manifest); {@code connected(id) -> socket} once made (the
     * connection registered in the instance's {@link ConnTable} under {@code id}, as an accepted one is), else
     * {@code failed(code, message)}, both later on the loop. {@code udp(onMessage) -> {send, close}}: this boot's UDP
     * socket; {@code send(bytes, address, port)} returns {@code null} or {@code [code, message]} when nothing was sent,
     * {@code onMessage(bytes, address, family, port)} gets the answers.
     */
    private void outboundOperations(Map<String, HostFunction> ops) {
        ops.put("connect", HostFunction.of("connect", 4, a -> {
            Object connected = a.value(2);
            Object failed = a.value(3);
            EventLoop.Cancellable attempt = host.outbound().connect(a.text(0), (int) a.integer(1),
                    new Dialer.Connector() {
                        @Override
                        public ConnectionEvents connected(Connection connection) {
                            if (dropped) {
                                connection.destroy();
                                return ConnectionEvents.IGNORE;
                            }
                            return outboundEvents.apply(connection, connected);
                        }

                        @Override
                        public void failed(OutboundException failure) {
                            run(failed, failure.code(), failure.getMessage());
                        }
                    });
            return HostFunction.of("cancel", 0, x -> {
                attempt.cancel();
                return null;
            });
        }));
        ops.put("udp", HostFunction.of("udp", 1, a -> {
            Object onMessage = a.value(0);
            Outbound.Datagrams socket = host.outbound().datagrams(d -> run(onMessage, context.bytes(d.payload()),
                    Addresses.text(d.sender().getAddress()), Addresses.family(d.sender().getAddress()),
                    d.sender().getPort()));
            datagramSockets.add(socket);
            Map<String, Object> udp = new LinkedHashMap<>();
            udp.put("send", new HostFunction("send", 3, OptionalInt.of(0), x -> socket.send(x.bytes(0), x.text(1),
                    (int) x.integer(2)).<Object>map(e -> List.of(e.code(), e.getMessage())).orElse(null)));
            udp.put("close", HostFunction.of("close", 0, x -> {
                socket.close();
                datagramSockets.remove(socket);
                return null;
            }));
            return udp;
        }));
    }

    private static StoreCalls.Arg storeArg(Arguments a, int i) {
        return new StoreCalls.Arg() {
            @Override
            public String text() {
                return a.text(i);
            }

            @Override
            public long number() {
                return a.integer(i);
            }

            @Override
            public boolean absent() {
                return a.absent(i);
            }
        };
    }
}

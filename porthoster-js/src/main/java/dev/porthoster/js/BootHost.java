package dev.porthoster.js;

import dev.porthoster.api.spi.DatagramReplies;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerLog;
import dev.porthoster.js.spi.Arguments;
import dev.porthoster.js.spi.ScriptContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
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
    private final Map<Integer, EventLoop.Cancellable> timers = new HashMap<>();
    private final List<Runnable> subscriptions = new ArrayList<>();
    private int nextTimer;
    private boolean dropped;
    private boolean ticksRequested;

    BootHost(HandlerHost host, ScriptContext context, Runner runner, Supplier<DatagramReplies> replies) {
        this.host = host;
        this.context = context;
        this.runner = runner;
        this.replies = replies;
    }

    /** Cancels this boot's timers and undoes its subscriptions; whatever completes for it later is dropped. */
    void drop() {
        dropped = true;
        timers.values().forEach(EventLoop.Cancellable::cancel);
        timers.clear();
        List.copyOf(subscriptions).forEach(Runnable::run);
        subscriptions.clear();
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
        return ops;
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

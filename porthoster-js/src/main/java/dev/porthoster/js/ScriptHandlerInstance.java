package dev.porthoster.js;

import dev.porthoster.api.Protocol;
import dev.porthoster.api.spi.Addresses;
import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramReplies;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.api.spi.HandlerLog;
import dev.porthoster.js.spi.ScriptContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one lifecycle of a script handler, for every engine: one handler module booted in a {@link ScriptContext}, used
 * only from its host's loop. Every entry into script goes through {@link #invoke}, which arms the watchdog; a callback
 * running past the limit (or stopped by {@link #restart}) is interrupted, the instance closes its connections, drops
 * its timers, store completions and subscriptions, and boots a fresh context when the broker's backoff allows. The
 * port keeps serving.
 *
 * <p>Everything that belongs to one boot is dropped with it, never run in the new one: connection events carry the
 * boot's generation; timers, store completions and published messages belong to its {@link BootHost}.
 */
public final class ScriptHandlerInstance implements HandlerInstance {

    /** What {@link #invoke} returns when the function did not run to completion. */
    private static final Object FAILED = new Object();
    private static final Object[] NO_ARGS = {};

    private final ScriptContext.Factory factory;
    private final HandlerHost host;
    private final HandlerLog log;
    private final EventLoop loop;
    private final long limitMillis;
    private final long limitNanos;
    private final ScheduledFuture<?> watchdogTask;

    /** The current boot's context; volatile for {@link #measureHeap} and {@link #sources}, which any thread calls. */
    private volatile ScriptContext context;
    private Object runtime;
    private Object acceptFn;
    /** The prelude's runtime.invoke and runtime.runTicks: every callback goes through the first (nextTick order). */
    private Object invokeFn;
    private Object runTicksFn;
    /** The runtime's connData/connEnd/connDrain/connError/connClose: one set per boot, for every connection. */
    private Object dataFn;
    private Object endFn;
    private Object drainFn;
    private Object errorFn;
    private Object closeFn;
    private Object messageFn;
    /** The open connections by the id script knows them by; the one set of connection operations looks them up. */
    private final ConnTable conns = new ConnTable();
    /** Bumped on every (re)boot; the events of a connection accepted by an older context are dropped. */
    private int generation;
    private final Set<Connection> live = new HashSet<>();
    /** What the current boot registered outside its context (timers, subscriptions), behind the prelude's host. */
    private BootHost bootHost;
    private volatile boolean closed;
    /** Between a stop and the restart the broker allowed (its backoff): the old context is gone, no new one yet. */
    private boolean stopped;
    /** How many calls into script are on the stack: only the outermost arms the watchdog and runs promise jobs. */
    private int depth;
    /** The callback running now: which context, since when. Null when idle. Read by the watchdog thread. */
    private volatile Armed armed;
    /** Why {@link #restart(String)} was asked from outside; read where the stopped callback unwinds. */
    private volatile String stopRequest;
    /** Why the callback unwinding now was stopped; the restart follows once the outermost call has returned. */
    private String stopping;
    /** The replies of the socket the last datagram came in on: there is one socket per UDP port. */
    private DatagramReplies currentReplies;

    private record Armed(ScriptContext context, long sinceNanos, AtomicBoolean fired) {
    }

    private ScriptHandlerInstance(ScriptContext.Factory factory, HandlerHost host) {
        this.factory = factory;
        this.host = host;
        this.log = host.log();
        this.loop = host.loop();
        this.limitMillis = host.callbackLimit().toMillis();
        this.limitNanos = host.callbackLimit().toNanos();
        this.watchdogTask = Watchdog.every(limitMillis, this::watch);
    }

    /** Boots {@code host}'s handler in a context from {@code factory}: on the host's loop. */
    public static ScriptHandlerInstance load(HandlerHost host, ScriptContext.Factory factory) throws HandlerLoadException {
        ScriptHandlerInstance instance = new ScriptHandlerInstance(factory, host);
        try {
            instance.boot();
        } catch (HandlerLoadException | RuntimeException e) {
            instance.watchdogTask.cancel(false);
            instance.closeContext();
            throw e;
        }
        return instance;
    }

    /** On the watchdog's thread: stops the armed callback once it has run past the limit. */
    private void watch() {
        Armed running = armed;
        if (running != null && System.nanoTime() - running.sinceNanos() > limitNanos
                && running.fired().compareAndSet(false, true)) {
            running.context().interrupt(); // the context the runaway runs in, never a successor booted since
        }
    }

    // ------------------------------------------------------------------ booting

    private void boot() throws HandlerLoadException {
        generation++;
        Path file = host.file();
        context = factory.open(host);
        bootHost = new BootHost(host, context, this::run, () -> currentReplies, this::connected);
        runtime = context.evaluatePrelude(context.object(bootHost.operations()));
        invokeFn = context.member(runtime, "invoke");
        runTicksFn = context.member(runtime, "runTicks");
        // The handler's top level is watched as a callback is; the prelude is ours and not (a cold engine may take
        // longer than a tight limit to run it once).
        Armed loading = new Armed(context, System.nanoTime(), new AtomicBoolean());
        armed = loading;
        Object namespace;
        try {
            namespace = context.evaluateEntry();
        } catch (HandlerLoadException | RuntimeException e) {
            if (loading.fired().get()) {
                throw new HandlerLoadException(file, 0, "loading the module ran longer than " + limitMillis
                        + " ms (an endless loop at the top level?)");
            }
            throw e;
        } finally {
            armed = null;
        }
        Protocol protocol = host.spec().protocol();
        String export = protocol == Protocol.TCP ? "handle" : "message";
        if (!context.isFunction(context.member(namespace, export))) {
            throw new HandlerLoadException(file, 0, "a " + protocol.token() + " handler must export a function '"
                    + export + "'" + (protocol == Protocol.TCP ? ": export function handle(conn, ctx) { ... }"
                    : ": export function message(msg, rinfo, ctx) { ... }"));
        }
        Map<String, Object> info = Map.of("name", host.spec().name(), "port", host.spec().port(),
                "protocol", protocol.token(), "instance", host.instance());
        Object connOperations = context.object(ConnOperations.of(conns::get));
        if (invoke(context.member(runtime, "init"), namespace, context.object(info), connOperations) == FAILED) {
            throw new HandlerLoadException(file, 0, "the handler's context could not be set up");
        }
        acceptFn = context.member(runtime, "accept");
        dataFn = context.member(runtime, "connData");
        endFn = context.member(runtime, "connEnd");
        drainFn = context.member(runtime, "connDrain");
        errorFn = context.member(runtime, "connError");
        closeFn = context.member(runtime, "connClose");
        messageFn = context.member(runtime, "message");
    }

    // ------------------------------------------------------------------ calling into script

    private boolean run(Object fn, Object... args) {
        return invoke(fn, args) != FAILED;
    }

    /**
     * Runs one callback into script; the outermost call arms the watchdog, and the context runs the promise jobs it
     * queued before returning. A script error here is logged, never thrown to the loop; a stop restarts the instance
     * once the outermost call has unwound (so the stopped callback's queued jobs go with the old context).
     *
     * @return the function's result, or {@link #FAILED}
     */
    private Object invoke(Object fn, Object... args) {
        if (closed || stopped || fn == null) {
            return FAILED;
        }
        ScriptContext running = context;
        boolean outermost = depth++ == 0;
        Armed watched = outermost ? new Armed(running, System.nanoTime(), new AtomicBoolean()) : null;
        if (outermost) {
            armed = watched;
        }
        try {
            if (!outermost || invokeFn == null) {
                return running.call(fn, args, outermost);
            }
            // through runtime.invoke, which runs the ticks the callback queued before the promise jobs; then the
            // ticks the jobs queued, as long as they keep asking: all of it one callback to the watchdog
            Object[] wrapped = new Object[args.length + 1];
            wrapped[0] = fn;
            System.arraycopy(args, 0, wrapped, 1, args.length);
            Object result = running.call(invokeFn, wrapped, true);
            BootHost ticks = bootHost;
            while (ticks.takeTickRequest() && running == context) {
                running.call(runTicksFn, NO_ARGS, true);
            }
            return result;
        } catch (ScriptFailure failure) {
            if (failure.isInterrupted()) {
                stopping = stopReason();
            } else {
                log.log(HandlerLog.Level.ERROR, "uncaught error: " + failure.getMessage());
            }
            return FAILED;
        } finally {
            depth--;
            if (outermost) {
                armed = null;
                if (watched.fired().get() && stopping == null) {
                    stopping = stopReason(); // fired as the callback returned: it did run past the limit
                }
                String why = stopping;
                stopping = null;
                if (why != null) {
                    stopAndRestart(why);
                }
            }
        }
    }

    private String stopReason() {
        String request = stopRequest;
        return request != null ? request
                : "a callback ran longer than " + limitMillis + " ms and was stopped by the watchdog";
    }

    // ------------------------------------------------------------------ stopping and restarting

    @Override
    public void restart(String reason) {
        stopRequest = reason;
        Armed running = armed;
        if (running != null && running.fired().compareAndSet(false, true)) {
            running.context().interrupt(); // the callback unwinds into invoke, which restarts
        }
        loop.execute(() -> {
            if (stopRequest != null && !closed && !stopped) {
                stopAndRestart(stopRequest);
            }
        });
    }

    /** On the loop: closes the connections and the context, then boots afresh when the broker's backoff allows. */
    private void stopAndRestart(String why) {
        stopRequest = null;
        log.log(HandlerLog.Level.ERROR, why + "; restarting this handler (its " + live.size()
                + " open connection(s) are closed)");
        for (Connection c : Set.copyOf(live)) {
            c.destroy();
        }
        live.clear();
        dropBootState();
        closeContext();
        stopped = true;
        host.restartAfterBackoff(why, this::reboot);
    }

    /** Cancels the current boot's timers and undoes its subscriptions; its late completions are dropped. */
    private void dropBootState() {
        if (bootHost != null) {
            bootHost.drop();
        }
    }

    private void closeContext() {
        if (context != null) {
            try {
                context.close();
            } catch (RuntimeException alreadyGone) {
                // a context the watchdog cancelled may refuse a second close; it is released either way
            }
        }
    }

    private void reboot() {
        if (closed) {
            return;
        }
        stopped = false;
        try {
            boot();
            open().whenComplete((v, e) -> {
                if (e != null) {
                    log.log(HandlerLog.Level.ERROR, "open(ctx) failed after restart: " + e.getMessage());
                }
            });
        } catch (HandlerLoadException | RuntimeException ex) {
            log.log(HandlerLog.Level.ERROR, "restart failed, the port refuses new work: " + ex.getMessage());
            closeContext();
            closed = true;
        }
    }

    // ------------------------------------------------------------------ HandlerInstance

    @Override
    public CompletionStage<OptionalLong> measureHeap(long stopAtBytes) {
        ScriptContext current = context;
        if (closed || current == null) {
            return CompletableFuture.completedFuture(OptionalLong.empty());
        }
        return current.measureHeap(stopAtBytes);
    }

    @Override
    public Set<Path> sources() {
        Set<Path> all = new HashSet<>(context.filesRead());
        all.add(host.file().toAbsolutePath().normalize());
        return Set.copyOf(all);
    }

    @Override
    public CompletionStage<Void> open() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Object ok = context.function(HostFunction.of("ok", 0, a -> {
            done.complete(null);
            return null;
        }));
        Object fail = context.function(HostFunction.of("fail", 1, a -> {
            done.completeExceptionally(new IllegalStateException(a.absent(0) ? "failed" : a.text(0)));
            return null;
        }));
        if (!run(context.member(runtime, "open"), ok, fail) && !done.isDone()) {
            done.completeExceptionally(new IllegalStateException("open(ctx) did not run"));
        }
        return done;
    }

    @Override
    public ConnectionEvents accept(Connection connection) {
        if (closed || stopped) {
            connection.reset();
            return ConnectionEvents.IGNORE;
        }
        live.add(connection);
        int gen = generation;
        long id = conns.add(connection);
        // the socket reads the addresses from the connection when the handler first asks (as Node does); whether
        // it is TLS is known here, so a plaintext connection costs no call back for its tls()
        Object socket = invoke(acceptFn, context.primitive(id), context.primitive(connection.tls().isPresent()));
        if (socket == FAILED || socket == null) {
            live.remove(connection);
            conns.remove(id);
            connection.destroy();
            return ConnectionEvents.IGNORE;
        }
        return new ScriptEvents(connection, gen, id, socket);
    }

    /**
     * An outbound connection the current boot asked for ({@code net.connect}) is made: it is registered in the
     * connection table as an accepted one is, and the prelude's {@code connected} callback, given its id, turns the
     * socket's stand-in into the connection and returns the socket; its events then go to the same runtime
     * functions as an accepted connection's.
     */
    private ConnectionEvents connected(Connection connection, Object connectedFn) {
        if (closed || stopped) {
            connection.destroy();
            return ConnectionEvents.IGNORE;
        }
        int gen = generation;
        long id = conns.add(connection);
        Object socket = invoke(connectedFn, context.primitive(id));
        if (socket == FAILED || socket == null) {
            conns.remove(id);
            connection.destroy();
            return ConnectionEvents.IGNORE;
        }
        return new ScriptEvents(connection, gen, id, socket);
    }

    /**
     * A connection's events, to the prelude's runtime with the connection's script socket, while their boot is
     * current. Per connection this holds only the socket: the functions are the runtime's, one set per boot.
     */
    private final class ScriptEvents implements ConnectionEvents {
        private final Connection connection;
        private final int gen;
        private final long id;
        private final Object socket;

        ScriptEvents(Connection connection, int gen, long id, Object socket) {
            this.connection = connection;
            this.gen = gen;
            this.id = id;
            this.socket = socket;
        }

        private boolean current() {
            return gen == generation && !closed && !stopped;
        }

        private void deliver(Object fn, Object... args) {
            if (!run(fn, args) && !closed && !stopped) {
                connection.destroy(); // a failure the prelude could not handle closes only this connection
            }
        }

        @Override
        public void onData(byte[] bytes) {
            if (current()) {
                deliver(dataFn, socket, context.bytes(bytes));
            }
        }

        @Override
        public void onEnd() {
            if (current()) {
                deliver(endFn, socket);
            }
        }

        @Override
        public void onDrain() {
            if (current()) {
                deliver(drainFn, socket);
            }
        }

        @Override
        public void onError(Throwable cause) {
            if (current()) {
                deliver(errorFn, socket, String.valueOf(cause.getMessage()));
            }
        }

        @Override
        public void onClose() {
            live.remove(connection);
            if (current()) {
                deliver(closeFn, socket);
            }
            conns.remove(id);
        }
    }

    @Override
    public void message(Datagram datagram, DatagramReplies replies) {
        if (closed || stopped) {
            return;
        }
        InetSocketAddress from = datagram.sender();
        currentReplies = replies;
        run(messageFn, context.bytes(datagram.payload()), Addresses.text(from.getAddress()),
                Addresses.family(from.getAddress()), from.getPort());
    }

    @Override
    public void abort(String reason) {
        if (!closed && !stopped) {
            run(context.member(runtime, "abort"), reason);
        }
    }

    @Override
    public CompletionStage<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed || stopped) {
            dispose();
            done.complete(null);
            return done;
        }
        Object ok = context.function(HostFunction.of("ok", 0, a -> {
            done.complete(null);
            return null;
        }));
        Object fail = context.function(HostFunction.of("fail", 1, a -> {
            log.log(HandlerLog.Level.ERROR, "close(ctx) failed: " + (a.absent(0) ? "?" : a.text(0)));
            done.complete(null);
            return null;
        }));
        if (!run(context.member(runtime, "close"), ok, fail)) {
            done.complete(null);
        }
        return done.whenComplete((v, e) -> dispose());
    }

    private void dispose() {
        closed = true;
        watchdogTask.cancel(false);
        Runnable release = () -> {
            dropBootState();
            closeContext();
        };
        if (loop.inEventLoop()) {
            release.run();
        } else {
            loop.execute(release);
        }
    }
}

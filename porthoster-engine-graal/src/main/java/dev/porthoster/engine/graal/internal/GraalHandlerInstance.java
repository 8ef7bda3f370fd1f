package dev.porthoster.engine.graal.internal;

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
import dev.porthoster.js.ScriptErrors;
import dev.porthoster.js.StoreCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * One handler module in its own polyglot {@link Context}, used only from its host's loop. Every entry into JS goes
 * through {@link #call}, which the watchdog times: a callback running past the limit cancels the context, and the
 * instance boots a fresh one (its connections are destroyed, the port keeps serving).
 */
final class GraalHandlerInstance implements HandlerInstance {

    /** What handler code may touch of the host: byte buffers, nothing else. */
    static final HostAccess HOST_ACCESS = HostAccess.newBuilder().allowBufferAccess(true).build();

    private final GraalScriptEngine owner;
    private final Engine engine;
    private final Source prelude;
    private final HandlerHost host;
    private final HandlerLog log;
    private final EventLoop loop;
    private final ScheduledFuture<?> watchdogTask;

    private Context context;
    private ConfinedFileSystem files;
    private Value runtime;
    private Value acceptFn;
    private Value messageFn;
    private Value bytesFromHost;
    /** (name, message) to a new RangeError, TypeError or Error, made before handler code could replace them. */
    private Value errorFactory;
    /**
     * (object, sentinel) to a script object whose functions call the object's and throw Node's stack-overflow
     * RangeError when one returns {@link #NO_STACK}: near the end of the stack even a call back into the guest to
     * make an error would overflow, so a host operation returns the sentinel and script throws.
     */
    private Value guardHost;
    /** What a host operation returns instead of running when the stack has no room for it. */
    private static final String NO_STACK = "porthoster:no-stack-left";
    /** Wraps a host write(buffer, offset, length) as write(u8), so Java reads no members per write. */
    private Value writeAdapter;
    /** Bumped on every (re)boot; events of connections from an older context are dropped. */
    private int generation;
    private final Set<Connection> live = new HashSet<>();
    private final Map<Integer, EventLoop.Cancellable> timers = new HashMap<>();
    private int nextTimer;
    private boolean closed;
    /** Between a stop and the restart the broker allowed (its backoff): the old context is gone, no new one yet. */
    private boolean stopped;
    /** The callback running now: which context, since when. Null when idle. Read by the watchdog thread. */
    private volatile Armed armed;
    private volatile boolean cancelledByWatchdog;
    /** Why {@link #restart(String)} was asked from outside; read where the cancelled callback unwinds. */
    private volatile String stopRequest;

    private record Armed(Context context, long sinceNanos) { }

    /** Measures the current context's heap; replaced on every boot. */
    private volatile ContextHeapMeter.Handle heapHandle;

    private GraalHandlerInstance(GraalScriptEngine owner, Engine engine, Source prelude, HandlerHost host,
                                 ScheduledExecutorService watchdog) {
        this.owner = owner;
        this.engine = engine;
        this.prelude = prelude;
        this.host = host;
        this.log = host.log();
        this.loop = host.loop();
        long limitNanos = TimeUnit.MILLISECONDS.toNanos(host.callbackLimit().toMillis());
        long period = Math.max(10, host.callbackLimit().toMillis() / 10);
        this.watchdogTask = watchdog.scheduleAtFixedRate(() -> {
            Armed running = armed;
            if (running != null && System.nanoTime() - running.sinceNanos() > limitNanos) {
                // Cancels the context the runaway callback runs in, never a successor booted since.
                cancelledByWatchdog = true;
                running.context().close(true);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    static GraalHandlerInstance load(GraalScriptEngine owner, Engine engine, Source prelude, HandlerHost host,
                                     ScheduledExecutorService watchdog)
            throws HandlerLoadException {
        GraalHandlerInstance instance = new GraalHandlerInstance(owner, engine, prelude, host, watchdog);
        try {
            instance.boot();
        } catch (HandlerLoadException | RuntimeException e) {
            instance.watchdogTask.cancel(false);
            if (instance.context != null) {
                instance.context.close(true);
            }
            throw e;
        }
        return instance;
    }

    private void boot() throws HandlerLoadException {
        generation++;
        cancelledByWatchdog = false;
        context = Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HOST_ACCESS)
                .allowHostClassLookup(name -> false)
                .allowIO(IOAccess.newBuilder().fileSystem(files = new ConfinedFileSystem(host.contentRoot(), host.file())).build())
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .option("js.esm-eval-returns-exports", "true")
                .option("js.console", "false")
                .option("js.print", "false")
                .option("js.load", "false")

                .build();
        heapHandle = owner.heapHandle(context);
        Path file = host.file();
        Value namespace;
        try {
            errorFactory = context.eval(Source.newBuilder("js", "((E) => (name, message) => new E[name](message))"
                    + "({RangeError, TypeError, Error})", "porthoster:errors.js").buildLiteral());
            guardHost = context.eval(Source.newBuilder("js", """
                    ((keys, apply, RangeError) => (object, noStack) => {
                      const guarded = {};
                      for (const key of keys(object)) {
                        const value = object[key];
                        guarded[key] = typeof value !== 'function' ? value : function () {
                          const result = apply(value, undefined, arguments);
                          if (result === noStack) throw new RangeError('Maximum call stack size exceeded');
                          return result;
                        };
                      }
                      return guarded;
                    })(Object.keys, Reflect.apply, RangeError)""", "porthoster:host.js").buildLiteral());
            runtime = context.eval(prelude).execute(guardHost.execute(new HostBridge(), NO_STACK));
            Value bindings = context.getBindings("js");
            Value globals = runtime.getMember("globals");
            for (String key : globals.getMemberKeys()) {
                bindings.putMember(key, globals.getMember(key));
            }
            bindings.putMember("__porthoster_EventEmitter", globals.getMember("EventEmitter"));
            for (String hostGlobal : new String[] {"Java", "Packages", "java", "javax", "javafx", "com", "org", "edu", "Polyglot", "Graal"}) {
                bindings.removeMember(hostGlobal);
            }
            bytesFromHost = context.eval("js", "(b) => new Uint8Array(new ArrayBuffer(b))");
            writeAdapter = context.eval("js", "(w) => (u8) => w(u8.buffer, u8.byteOffset, u8.byteLength)");
            // Read by the module rules (checked, bounded), not by GraalJS; the file keeps imports relative to it.
            Source source = Source.newBuilder("js", file.toFile()).content(files.entry().text())
                    .mimeType("application/javascript+module").build();
            namespace = context.eval(source);
        } catch (IOException e) {
            throw new HandlerLoadException(file, 0, "cannot read the handler: " + e.getMessage());
        } catch (PolyglotException e) {
            throw files.refusalIn(e.getMessage()).orElseGet(() -> loadFailure(file, e));
        }
        Protocol protocol = host.spec().protocol();
        String export = protocol == Protocol.TCP ? "handle" : "message";
        Value fn = namespace.getMember(export);
        if (fn == null || !fn.canExecute()) {
            throw new HandlerLoadException(file, 0, "a " + protocol.token() + " handler must export a function '"
                    + export + "'" + (protocol == Protocol.TCP ? ": export function handle(conn, ctx) { ... }"
                    : ": export function message(msg, rinfo, ctx) { ... }"));
        }
        runtime.invokeMember("init", namespace, ProxyObject.fromMap(Map.of(
                "name", host.spec().name(), "port", host.spec().port(), "protocol", protocol.token())));
        acceptFn = runtime.getMember("accept");
        messageFn = runtime.getMember("message");
    }

    private static HandlerLoadException loadFailure(Path file, PolyglotException e) {
        SourceSection at = e.getSourceLocation();
        Path where = file;
        int line = 0;
        if (at != null) {
            line = at.getStartLine();
            String path = at.getSource().getPath();
            if (path != null) {
                where = Path.of(path);
            }
        }
        String message = describe(e);
        // GraalJS puts "name:line:column " into syntax errors; we print our own "name:line: " prefix.
        String firstLine = message.lines().findFirst().orElse(message);
        String name = where.getFileName().toString();
        firstLine = firstLine.replaceFirst("^(SyntaxError: )?" + java.util.regex.Pattern.quote(name) + ":\\d+:\\d+ ", "$1");
        String kind = e.isSyntaxError() && !firstLine.startsWith("SyntaxError") ? "SyntaxError: " : "";
        return new HandlerLoadException(where, line, kind + firstLine);
    }

    /**
     * Runs one callback into JS with the watchdog armed. Promise jobs queued by the callback run before it returns.
     * A guest error here is a bug in the prelude's guards or a cancellation; it never escapes to the loop.
     */
    private boolean call(Value fn, Object... args) {
        if (closed || stopped) {
            return false;
        }
        armed = new Armed(context, System.nanoTime());
        try {
            fn.executeVoid(args);
            return true;
        } catch (PolyglotException e) {
            onGuestFailure(e);
            return false;
        } finally {
            armed = null;
        }
    }

    private void onGuestFailure(PolyglotException e) {
        armed = null;
        String request = stopRequest;
        if (request != null) {
            stopAndRestart(request);
        } else if (e.isCancelled() || cancelledByWatchdog) {
            stopAndRestart("a callback ran longer than " + host.callbackLimit().toMillis() + " ms and was stopped by the watchdog");
        } else {
            log.log(HandlerLog.Level.ERROR, "uncaught error: " + describe(e));
        }
    }

    /** A guest failure as the log shows it: a JavaScript error, never a Java class name or Java stack. */
    private static String describe(PolyglotException e) {
        if (e.isHostException()) {
            return ScriptErrors.of(e.asHostException()).toString();
        }
        if (e.isInternalError()) {
            System.getLogger("dev.porthoster.engine.graal").log(System.Logger.Level.DEBUG, "GraalJS internal error", e);
            return "Error: internal error in the script engine";
        }
        if (e.isResourceExhausted() && !e.isGuestException()) {
            return ScriptErrors.of(new OutOfMemoryError(e.getMessage())).toString();
        }
        return e.getMessage() == null ? "Error" : e.getMessage();
    }

    /**
     * A host operation for script. It runs only with room on the stack ({@link ScriptErrors#stackHasRoom()}; else it
     * returns {@link #NO_STACK} for {@link #guardHost}'s wrapper to throw), and a Java exception out of {@code op} (a
     * bad argument the prelude did not catch, a transport refusing) reaches script as the JavaScript error
     * {@link ScriptErrors} names, never as a host exception carrying a Java class name.
     */
    private ProxyExecutable guarded(ProxyExecutable op) {
        return a -> {
            if (!ScriptErrors.stackHasRoom()) {
                return NO_STACK;
            }
            try {
                return op.execute(a);
            } catch (PolyglotException e) {
                throw e;
            } catch (RuntimeException e) {
                ScriptErrors.ScriptError error = ScriptErrors.of(e);
                throw errorFactory.execute(error.name(), error.message()).throwException();
            }
        };
    }

    @Override
    public void restart(String reason) {
        stopRequest = reason;
        Armed running = armed;
        if (running != null) {
            running.context().close(true); // the callback unwinds into onGuestFailure, which restarts
        } else {
            loop.execute(() -> {
                if (stopRequest != null && !closed && !stopped) {
                    stopAndRestart(stopRequest);
                }
            });
        }
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
        timers.values().forEach(EventLoop.Cancellable::cancel);
        timers.clear();
        try {
            context.close(true);
        } catch (RuntimeException ignored) {
            // already cancelled
        }
        stopped = true;
        host.restartAfterBackoff(why, this::reboot);
    }

    private void reboot() {
        if (closed) {
            return;
        }
        stopped = false;
        try {
            boot();
            runtime.invokeMember("open", (ProxyExecutable) a -> null,
                    (ProxyExecutable) a -> {
                        log.log(HandlerLog.Level.ERROR, "open(ctx) failed after restart: " + a[0].asString());
                        return null;
                    });
        } catch (HandlerLoadException | PolyglotException ex) {
            log.log(HandlerLog.Level.ERROR, "restart failed, the port refuses new work: " + ex.getMessage());
            closed = true;
        }
    }

    @Override
    public CompletionStage<OptionalLong> measureHeap(long stopAtBytes) {
        return owner.measure(heapHandle, stopAtBytes);
    }

    @Override
    public Set<Path> sources() {
        Set<Path> all = new HashSet<>(files.filesRead());
        all.add(host.file().toAbsolutePath().normalize());
        return Set.copyOf(all);
    }

    @Override
    public CompletionStage<Void> open() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ProxyExecutable ok = a -> {
            done.complete(null);
            return null;
        };
        ProxyExecutable fail = a -> {
            done.completeExceptionally(new IllegalStateException(a.length > 0 ? a[0].asString() : "failed"));
            return null;
        };
        if (!call(runtime.getMember("open"), ok, fail) && !done.isDone()) {
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
        InetSocketAddress remote = connection.remoteAddress();
        Map<String, Object> members = new HashMap<>();
        members.put("remoteAddress", Addresses.text(remote.getAddress()));
        members.put("remotePort", remote.getPort());
        members.put("remoteFamily", Addresses.family(remote.getAddress()));
        members.put("localPort", connection.localPort());
        members.put("write", writeAdapter.execute(guarded(a -> {
            int length = a[2].asInt();
            byte[] out = new byte[length];
            a[0].readBuffer(a[1].asLong(), out, 0, length);
            return connection.write(out);
        })));
        members.put("end", guarded(a -> {
            connection.end();
            return null;
        }));
        members.put("destroy", guarded(a -> {
            connection.destroy();
            return null;
        }));
        members.put("reset", guarded(a -> {
            connection.reset();
            return null;
        }));
        members.put("setReading", guarded(a -> {
            connection.setReading(a[0].asBoolean());
            return null;
        }));
        members.put("setNoDelay", guarded(a -> {
            connection.setNoDelay(a[0].asBoolean());
            return null;
        }));
        live.add(connection);
        int gen = generation;
        Value events;
        armed = new Armed(context, System.nanoTime());
        try {
            events = acceptFn.execute(guardHost.execute(ProxyObject.fromMap(members), NO_STACK));
        } catch (PolyglotException e) {
            onGuestFailure(e);
            connection.destroy();
            return ConnectionEvents.IGNORE;
        } finally {
            armed = null;
        }
        Value onData = events.getMember("data");
        Value onEnd = events.getMember("end");
        Value onDrain = events.getMember("drain");
        Value onError = events.getMember("error");
        Value onClose = events.getMember("close");
        return ConnectionEvents.<Value>toScript(() -> gen == generation && !closed && !stopped,
                () -> live.remove(connection), (fn, args) -> {
                    if (!call(fn, args) && !closed && !stopped) {
                        connection.destroy(); // a failure the prelude could not handle closes only this connection
                    }
                }, this::toJs, onData, onEnd, onDrain, onError, onClose);
    }

    @Override
    public void message(Datagram datagram, DatagramReplies replies) {
        InetSocketAddress from = datagram.sender();
        currentReplies = replies;
        call(messageFn, toJs(datagram.payload()), Addresses.text(from.getAddress()),
                Addresses.family(from.getAddress()), from.getPort());
    }

    /** The replies of the socket the last datagram came in on: there is one socket per UDP port. */
    private DatagramReplies currentReplies;

    @Override
    public void abort(String reason) {
        if (!closed && !stopped) {
            call(runtime.getMember("abort"), reason);
        }
    }

    @Override
    public CompletionStage<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed || stopped) {
            closed = true;
            watchdogTask.cancel(false);
            done.complete(null);
            return done;
        }
        ProxyExecutable ok = a -> {
            done.complete(null);
            return null;
        };
        ProxyExecutable fail = a -> {
            log.log(HandlerLog.Level.ERROR, "close(ctx) failed: " + (a.length > 0 ? a[0].asString() : "?"));
            done.complete(null);
            return null;
        };
        if (!call(runtime.getMember("close"), ok, fail)) {
            done.complete(null);
        }
        return done.whenComplete((v, e) -> dispose());
    }

    private void dispose() {
        closed = true;
        watchdogTask.cancel(false);
        timers.values().forEach(EventLoop.Cancellable::cancel);
        timers.clear();
        Runnable closeContext = () -> context.close(true);
        if (loop.inEventLoop()) {
            closeContext.run();
        } else {
            loop.execute(closeContext);
        }
    }

    private Value toJs(byte[] bytes) {
        return bytesFromHost.execute(java.nio.ByteBuffer.wrap(bytes));
    }

    private static byte[] bytesOf(Value u8) {
        long offset = u8.getMember("byteOffset").asLong();
        int length = (int) u8.getMember("byteLength").asLong();
        byte[] out = new byte[length];
        u8.getMember("buffer").readBuffer(offset, out, 0, length);
        return out;
    }

    /** The native operations the prelude's {@code host} object offers. */
    private final class HostBridge implements ProxyObject {
        private final Map<String, ProxyExecutable> ops = new HashMap<>();

        HostBridge() {
            ops.put("log", a -> {
                log.log(HandlerLog.Level.named(a[0].asString()), a[1].asString());
                return null;
            });
            ops.put("now", a -> System.nanoTime() / 1e6);
            ops.put("setTimer", a -> {
                Value fn = a[0];
                long ms = Math.max(0, a[1].asLong());
                int id = ++nextTimer;
                int gen = generation;
                timers.put(id, loop.schedule(() -> {
                    timers.remove(id);
                    if (gen == generation) {
                        call(fn);
                    }
                }, ms));
                return id;
            });
            ops.put("clearTimer", a -> {
                EventLoop.Cancellable t = timers.remove(a[0].asInt());
                if (t != null) {
                    t.cancel();
                }
                return null;
            });
            ops.put("store", a -> {
                StoreCalls.call(host.shared(), a[0].asString(), arg(a[1]), arg(a[2]), arg(a[3]))
                        .thenApply(r -> r instanceof java.util.List<?> list ? ProxyArray.fromList(List.copyOf(list)) : r)
                        .whenComplete((result, error) -> loop.execute(() -> {
                            if (error != null) {
                                Throwable cause = error instanceof java.util.concurrent.CompletionException ce
                                        && ce.getCause() != null ? ce.getCause() : error;
                                call(a[5], String.valueOf(cause.getMessage()));
                            } else {
                                call(a[4], result);
                            }
                        }));
                return null;
            });
            ops.put("subscribe", a -> {
                Value fn = a[1];
                int gen = generation;
                Runnable undo = host.shared().subscribe(a[0].asString(), message -> loop.execute(() -> {
                    if (gen == generation) {
                        call(fn, message);
                    }
                }));
                return (ProxyExecutable) x -> {
                    undo.run();
                    return null;
                };
            });
            ops.put("reply", a -> {
                DatagramReplies replies = currentReplies;
                if (replies == null) {
                    return "ctx.reply can only be used after a datagram arrived";
                }
                return replies.reply(bytesOf(a[0]), a[1].asString(), a[2].asInt()).orElse(null);
            });
            ops.replaceAll((name, op) -> guarded(op));
        }

        private static StoreCalls.Arg arg(Value v) {
            return new StoreCalls.Arg() {
                @Override
                public String text() {
                    return v.asString();
                }

                @Override
                public long number() {
                    return v.asLong();
                }

                @Override
                public boolean absent() {
                    return v == null || v.isNull();
                }
            };
        }

        @Override
        public Object getMember(String key) {
            return ops.get(key);
        }

        @Override
        public Object getMemberKeys() {
            return ProxyArray.fromArray(ops.keySet().toArray());
        }

        @Override
        public boolean hasMember(String key) {
            return ops.containsKey(key);
        }

        @Override
        public void putMember(String key, Value value) {
            throw new UnsupportedOperationException("host is read-only");
        }
    }
}

package dev.porthoster.engine.rhino.internal;

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
import dev.porthoster.js.ModuleRules;
import dev.porthoster.js.ModuleSource;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.EcmaError;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.SerializableCallable;
import org.mozilla.javascript.TopLevel;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.WrappedException;
import org.mozilla.javascript.typedarrays.NativeArrayBuffer;
import org.mozilla.javascript.typedarrays.NativeArrayBufferView;

/**
 * One handler module in its own Rhino scope, used only from its host's loop. Every entry into JS goes through
 * {@link #call}: the outermost call sets the watchdog deadline and drains promise jobs before it returns. A callback
 * past the deadline is stopped by the instruction observer and the instance boots a fresh scope (its connections are
 * destroyed, the port keeps serving), as on GraalJS.
 */
final class RhinoHandlerInstance implements HandlerInstance {

    private final RhinoScriptEngine engine;
    private final HandlerHost host;
    private final HandlerLog log;
    private final EventLoop loop;
    /** The module rules of the current boot: what it may import, and the files it read. */
    private volatile ModuleRules modules;
    private final long limitNanos;

    private ScriptableObject scope;
    private Scriptable runtime;
    /** Walks what the current scope retains; captured before any handler code could replace a built-in it uses. */
    private RhinoHeapMeter meter;
    private Function acceptFn;
    private Function messageFn;
    private final Map<String, Scriptable> loaded = new HashMap<>();
    /** Bumped on every (re)boot; events of connections, timers and subscriptions from an older scope are dropped. */
    private int generation;
    private final Set<Connection> live = new HashSet<>();
    private final Map<Integer, EventLoop.Cancellable> timers = new HashMap<>();
    private int nextTimer;
    private boolean closed;
    /** Between a stop and the restart the broker allowed (its backoff): the old scope is gone, no new one yet. */
    private boolean stopped;
    /** The running callback's deadline (System.nanoTime), shared with the instruction observer; moved to the past by
     * {@link #restart(String)} to stop the callback from another thread. */
    private final java.util.concurrent.atomic.AtomicLong deadline = new java.util.concurrent.atomic.AtomicLong();
    /** Why {@link #restart(String)} was asked from outside; read where the stopped callback unwinds. */
    private volatile String stopRequest;
    /** Why the callback unwinding now was stopped; the restart follows once the Context is released. */
    private String stopping;
    private int nesting;
    private DatagramReplies currentReplies;

    private RhinoHandlerInstance(RhinoScriptEngine engine, HandlerHost host) {
        this.engine = engine;
        this.host = host;
        this.log = host.log();
        this.loop = host.loop();
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(host.callbackLimit().toMillis());
    }

    static RhinoHandlerInstance load(RhinoScriptEngine engine, HandlerHost host) throws HandlerLoadException {
        RhinoHandlerInstance instance = new RhinoHandlerInstance(engine, host);
        instance.boot();
        return instance;
    }

    // ------------------------------------------------------------------ loading

    /** A load failure raised inside an import, carried through Rhino back to {@link #boot}. */
    private static final class ImportFailed extends RuntimeException {
        final HandlerLoadException failure;

        ImportFailed(HandlerLoadException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    private void boot() throws HandlerLoadException {
        generation++;
        loaded.clear();
        Path file = host.file().toAbsolutePath().normalize();
        modules = new ModuleRules(host.contentRoot(), file);
        Context cx = engine.factory().enterContext();
        nesting++;
        deadline.set(System.nanoTime() + limitNanos);
        cx.putThreadLocal(RhinoScriptEngine.DEADLINE, deadline);
        try {
            // A TopLevel caches the built-in constructors, so the errors Rhino makes for a script's catch come from
            // the real RangeError or TypeError whatever the handler assigns to the globals (as in V8).
            TopLevel top = new TopLevel();
            scope = cx.initSafeStandardObjects(top, false);
            meter = RhinoHeapMeter.capture(scope);
            for (String javaGlobal : new String[] {"Packages", "java", "javax", "getClass", "JavaAdapter",
                "JavaImporter", "importClass", "importPackage", "org", "com", "edu", "net"}) {
                scope.delete(javaGlobal);
            }
            JavaFailures.install(top);
            engine.support().exec(cx, scope);
            Function preludeFn = (Function) engine.prelude().exec(cx, scope);
            runtime = (Scriptable) preludeFn.call(cx, scope, scope, new Object[] {hostBridge()});
            Scriptable globals = (Scriptable) ScriptableObject.getProperty(runtime, "globals");
            for (Object id : globals.getIds()) {
                String key = String.valueOf(id);
                ScriptableObject.defineProperty(scope, key, ScriptableObject.getProperty(globals, key),
                        ScriptableObject.DONTENUM);
            }
            ScriptableObject.defineProperty(scope, "__porthoster_EventEmitter",
                    ScriptableObject.getProperty(globals, "EventEmitter"), ScriptableObject.DONTENUM);
            Scriptable namespace = evaluateModule(cx, modules.entry());
            Protocol protocol = host.spec().protocol();
            String export = protocol == Protocol.TCP ? "handle" : "message";
            if (!(ScriptableObject.getProperty(namespace, export) instanceof Function)) {
                throw new HandlerLoadException(file, 0, "a " + protocol.token() + " handler must export a function '"
                        + export + "'" + (protocol == Protocol.TCP ? ": export function handle(conn, ctx) { ... }"
                        : ": export function message(msg, rinfo, ctx) { ... }"));
            }
            Scriptable info = cx.newObject(scope);
            ScriptableObject.putProperty(info, "name", host.spec().name());
            ScriptableObject.putProperty(info, "port", host.spec().port());
            ScriptableObject.putProperty(info, "protocol", protocol.token());
            ScriptableObject.callMethod(cx, runtime, "init", new Object[] {namespace, info});
            cx.processMicrotasks();
            acceptFn = (Function) ScriptableObject.getProperty(runtime, "accept");
            messageFn = (Function) ScriptableObject.getProperty(runtime, "message");
        } catch (ImportFailed e) {
            throw e.failure;
        } catch (WrappedException e) {
            if (e.getWrappedException() instanceof ImportFailed f) {
                throw f.failure;
            }
            throw loadFailure(file, e);
        } catch (RhinoException e) {
            throw loadFailure(file, e);
        } catch (RhinoScriptEngine.Runaway e) {
            throw new HandlerLoadException(file, 0, "loading the module ran longer than " + host.callbackLimit().toMillis()
                    + " ms (an endless loop at the top level?)");
        } catch (IllegalStateException e) {
            // Rhino's internal assertion (Kit.codeBug), seen on modules past its limits, e.g. >32767 functions in one.
            throw new HandlerLoadException(file, 0, "Rhino cannot run this module: it passes one of Rhino's internal "
                    + "limits (such as 32767 functions in one module); split it into smaller modules or use GraalJS");
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            if (ScriptErrors.isFatal(e)) {
                throw e;
            }
            // A Java failure while loading: an uncaught stack overflow at the top level, source nested too deep.
            throw new HandlerLoadException(file, 0, "uncaught " + ScriptErrors.of(e) + " while loading the module");
        } finally {
            nesting--;
            Context.exit();
        }
    }

    private Scriptable evaluateModule(Context cx, ModuleSource module) throws HandlerLoadException {
        Scriptable cached = loaded.get(module.key());
        if (cached != null) {
            return cached;
        }
        Path where = module.file().orElse(Path.of(module.key()));
        Downlevel.Result rewritten = Downlevel.module(module.text());
        if (!rewritten.problems().isEmpty()) {
            Downlevel.Problem first = rewritten.problems().get(0);
            throw new HandlerLoadException(where, first.line(), first.message());
        }
        Function body = (Function) RhinoScriptEngine.compile(cx, rewritten.code(), where.toString()).exec(cx, scope);
        Scriptable exports = cx.newObject(scope);
        loaded.put(module.key(), exports);
        SerializableCallable importer = (c, s, thisObj, args) -> {
            String spec = Context.toString(args.length > 0 ? args[0] : Undefined.instance);
            int line = Math.max(0, currentLine(where));
            try {
                return evaluateModule(c, modules.resolve(where, line, spec));
            } catch (HandlerLoadException e) {
                throw new ImportFailed(e);
            }
        };
        body.call(cx, scope, scope, new Object[] {new LambdaFunction(scope, "import", 1, importer), exports});
        return exports;
    }

    /** The line of {@code file} the interpreter is at now, from the script stack; 0 when unknown. */
    private static int currentLine(Path file) {
        String trace = new EvaluatorException("").getScriptStackTrace();
        String name = file.toString() + ":";
        for (String l : trace.lines().toList()) {
            int at = l.indexOf(name);
            if (at >= 0) {
                String rest = l.substring(at + name.length()).replaceAll("\\D.*$", "");
                if (!rest.isEmpty()) {
                    return Integer.parseInt(rest);
                }
            }
        }
        return 0;
    }

    private static HandlerLoadException loadFailure(Path file, RhinoException e) {
        Path where = e.sourceName() != null && !e.sourceName().startsWith("porthoster:") ? Path.of(e.sourceName())
                : file;
        String kind = e instanceof EvaluatorException && !(e instanceof WrappedException) ? "SyntaxError: " : "";
        String details = e.details();
        if (e instanceof WrappedException w) {
            details = "uncaught " + ScriptErrors.of(w.getWrappedException());
        } else if (e instanceof EcmaError ee) {
            details = ee.getName() + ": " + ee.getErrorMessage();
        } else if (e instanceof JavaScriptException) {
            details = "uncaught " + details;
        }
        return new HandlerLoadException(where, Math.max(0, e.lineNumber()), kind + details);
    }

    // ------------------------------------------------------------------ calling into JS

    /**
     * Runs one callback. The outermost call arms the watchdog and drains promise jobs; a call made while another is
     * on the stack (a write that reports an error synchronously) just runs. A guest error never escapes to the loop.
     */
    private boolean call(Function fn, Object... args) {
        if (closed || stopped || fn == null) {
            return false;
        }
        Context cx = engine.factory().enterContext();
        boolean outermost = nesting++ == 0;
        try {
            if (outermost) {
                deadline.set(System.nanoTime() + limitNanos);
                cx.putThreadLocal(RhinoScriptEngine.DEADLINE, deadline);
            }
            fn.call(cx, scope, scope, args);
            if (outermost) {
                cx.processMicrotasks();
            }
            return true;
        } catch (RhinoException e) {
            log.log(HandlerLog.Level.ERROR, "uncaught error: " + (e instanceof WrappedException w
                    ? ScriptErrors.of(w.getWrappedException()).toString() : e.details()));
            return false;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            if (ScriptErrors.isFatal(e)) {
                throw e;
            }
            // A Java failure no script catch saw (in a promise job, say): logged as the JavaScript error it stands for.
            log.log(HandlerLog.Level.ERROR, "uncaught " + ScriptErrors.of(e));
            return false;
        } catch (RhinoScriptEngine.Runaway e) {
            if (!outermost) {
                throw e;
            }
            String request = stopRequest;
            stopping = request != null ? request
                    : "a callback ran longer than " + host.callbackLimit().toMillis() + " ms and was stopped by the watchdog";
            return false;
        } finally {
            nesting--;
            if (outermost) {
                cx.removeThreadLocal(RhinoScriptEngine.DEADLINE);
            }
            Context.exit();
            // Only once the Context is released: it takes the stopped callback's queued microtasks with it, so an
            // endless chain cannot carry over into the fresh scope.
            if (outermost && stopping != null) {
                String why = stopping;
                stopping = null;
                stopAndRestart(why);
            }
        }
    }

    @Override
    public void restart(String reason) {
        stopRequest = reason;
        deadline.set(System.nanoTime() - 1); // a running callback stops at its next instruction check
        loop.execute(() -> {
            if (stopRequest != null && !closed && !stopped) {
                stopAndRestart(stopRequest);
            }
        });
    }

    /** On the loop: closes the connections and drops the scope, then boots afresh when the broker's backoff allows. */
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
        scope = null;
        loaded.clear();
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
            open().whenComplete((v, e) -> {
                if (e != null) {
                    log.log(HandlerLog.Level.ERROR, "open(ctx) failed after restart: " + e.getMessage());
                }
            });
        } catch (HandlerLoadException | RuntimeException ex) {
            log.log(HandlerLog.Level.ERROR, "restart failed, the port refuses new work: " + ex.getMessage());
            closed = true;
        }
    }

    /**
     * A host function for script. It runs only with room on the stack ({@link ScriptErrors#stackHasRoom()}), and a
     * Java exception out of {@code body} (a bad argument the prelude did not catch, a transport refusing) reaches
     * script as the JavaScript error {@link ScriptErrors} names, never as Java text.
     */
    private LambdaFunction fn(String name, int arity, SerializableCallable body) {
        return new LambdaFunction(scope, name, arity, (SerializableCallable) (c, s, t, a) -> {
            if (!ScriptErrors.stackHasRoom()) {
                throw ScriptRuntime.constructError("RangeError", ScriptErrors.STACK_OVERFLOW);
            }
            try {
                return body.call(c, s, t, a);
            } catch (RhinoException e) {
                throw e;
            } catch (RuntimeException e) {
                ScriptErrors.ScriptError error = ScriptErrors.of(e);
                throw ScriptRuntime.constructError(error.name(), error.message());
            }
        });
    }

    // ------------------------------------------------------------------ HandlerInstance

    @Override
    public CompletionStage<OptionalLong> measureHeap(long stopAtBytes) {
        CompletableFuture<OptionalLong> out = new CompletableFuture<>();
        loop.execute(() -> {
            if (closed || stopped || scope == null) {
                out.complete(OptionalLong.empty());
                return;
            }
            List<Object> roots = new ArrayList<>(loaded.values());
            roots.add(runtime);
            Context cx = engine.factory().enterContext();
            try {
                out.complete(OptionalLong.of(meter.retainedBytes(cx, scope, roots, stopAtBytes, new AtomicBoolean())));
            } catch (RuntimeException e) {
                out.complete(OptionalLong.empty());
            } finally {
                Context.exit();
            }
        });
        return out;
    }

    @Override
    public Set<Path> sources() {
        Set<Path> all = new HashSet<>(modules.filesRead());
        all.add(host.file().toAbsolutePath().normalize());
        return Set.copyOf(all);
    }

    @Override
    public CompletionStage<Void> open() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        LambdaFunction ok = fn("ok", 0, (c, s, t, a) -> {
            done.complete(null);
            return Undefined.instance;
        });
        LambdaFunction fail = fn("fail", 1, (c, s, t, a) -> {
            done.completeExceptionally(new IllegalStateException(a.length > 0 ? Context.toString(a[0]) : "failed"));
            return Undefined.instance;
        });
        if (!call(member(runtime, "open"), ok, fail) && !done.isDone()) {
            done.completeExceptionally(new IllegalStateException("open(ctx) did not run"));
        }
        return done;
    }

    private static Function member(Scriptable object, String name) {
        Object v = ScriptableObject.getProperty(object, name);
        return v instanceof Function f ? f : null;
    }

    @Override
    public ConnectionEvents accept(Connection connection) {
        if (closed || stopped) {
            connection.reset();
            return ConnectionEvents.IGNORE;
        }
        InetSocketAddress remote = connection.remoteAddress();
        Context cx = engine.factory().enterContext();
        Scriptable nativeConn;
        try {
            nativeConn = cx.newObject(scope);
        } finally {
            Context.exit();
        }
        ScriptableObject.putProperty(nativeConn, "remoteAddress", Addresses.text(remote.getAddress()));
        ScriptableObject.putProperty(nativeConn, "remotePort", remote.getPort());
        ScriptableObject.putProperty(nativeConn, "remoteFamily", Addresses.family(remote.getAddress()));
        ScriptableObject.putProperty(nativeConn, "localPort", connection.localPort());
        ScriptableObject.putProperty(nativeConn, "write", fn("write", 1, (c, s, t, a) -> connection.write(bytesOf(a[0]))));
        ScriptableObject.putProperty(nativeConn, "end", fn("end", 0, (c, s, t, a) -> {
            connection.end();
            return Undefined.instance;
        }));
        ScriptableObject.putProperty(nativeConn, "destroy", fn("destroy", 0, (c, s, t, a) -> {
            connection.destroy();
            return Undefined.instance;
        }));
        ScriptableObject.putProperty(nativeConn, "reset", fn("reset", 0, (c, s, t, a) -> {
            connection.reset();
            return Undefined.instance;
        }));
        ScriptableObject.putProperty(nativeConn, "setReading", fn("setReading", 1, (c, s, t, a) -> {
            connection.setReading(Context.toBoolean(a[0]));
            return Undefined.instance;
        }));
        ScriptableObject.putProperty(nativeConn, "setNoDelay", fn("setNoDelay", 1, (c, s, t, a) -> {
            connection.setNoDelay(Context.toBoolean(a[0]));
            return Undefined.instance;
        }));
        live.add(connection);
        int gen = generation;
        Scriptable[] events = new Scriptable[1];
        LambdaFunction capture = fn("capture", 1, (c, s, t, a) -> {
            events[0] = (Scriptable) ((Function) acceptFn).call(c, scope, scope, new Object[] {nativeConn});
            return Undefined.instance;
        });
        if (!call(capture) || events[0] == null) {
            connection.destroy();
            return ConnectionEvents.IGNORE;
        }
        Function onData = member(events[0], "data");
        Function onEnd = member(events[0], "end");
        Function onDrain = member(events[0], "drain");
        Function onError = member(events[0], "error");
        Function onClose = member(events[0], "close");
        return ConnectionEvents.<Function>toScript(() -> gen == generation && !closed && !stopped,
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

    @Override
    public void abort(String reason) {
        if (!closed && !stopped) {
            call(member(runtime, "abort"), reason);
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
        LambdaFunction ok = fn("ok", 0, (c, s, t, a) -> {
            done.complete(null);
            return Undefined.instance;
        });
        LambdaFunction fail = fn("fail", 1, (c, s, t, a) -> {
            log.log(HandlerLog.Level.ERROR, "close(ctx) failed: " + (a.length > 0 ? Context.toString(a[0]) : "?"));
            done.complete(null);
            return Undefined.instance;
        });
        if (!call(member(runtime, "close"), ok, fail)) {
            done.complete(null);
        }
        return done.whenComplete((v, e) -> dispose());
    }

    private void dispose() {
        closed = true;
        timers.values().forEach(EventLoop.Cancellable::cancel);
        timers.clear();
    }

    // ------------------------------------------------------------------ bytes

    private Object toJs(byte[] bytes) {
        Context cx = engine.factory().enterContext();
        try {
            NativeArrayBuffer buffer = (NativeArrayBuffer) cx.newObject(scope, "ArrayBuffer", new Object[] {bytes.length});
            System.arraycopy(bytes, 0, buffer.getBuffer(), 0, bytes.length);
            return cx.newObject(scope, "Uint8Array", new Object[] {buffer});
        } finally {
            Context.exit();
        }
    }

    private static byte[] bytesOf(Object value) {
        if (!(value instanceof NativeArrayBufferView view)) {
            throw new IllegalArgumentException("expected bytes (a Uint8Array), got " + Context.toString(value));
        }
        byte[] out = new byte[view.getByteLength()];
        System.arraycopy(view.getBuffer().getBuffer(), view.getByteOffset(), out, 0, out.length);
        return out;
    }

    // ------------------------------------------------------------------ host

    /** The native operations the prelude's {@code host} object offers (see the top of prelude.js). */
    private Scriptable hostBridge() {
        Context cx = Context.getCurrentContext();
        Scriptable bridge = cx.newObject(scope);
        ScriptableObject.putProperty(bridge, "log", fn("log", 2, (c, s, t, a) -> {
            log.log(HandlerLog.Level.named(Context.toString(a[0])), Context.toString(a[1]));
            return Undefined.instance;
        }));
        ScriptableObject.putProperty(bridge, "now", fn("now", 0, (c, s, t, a) -> System.nanoTime() / 1e6));
        ScriptableObject.putProperty(bridge, "setTimer", fn("setTimer", 2, (c, s, t, a) -> {
            Function callback = (Function) a[0];
            long ms = Math.max(0, (long) Context.toNumber(a[1]));
            int id = ++nextTimer;
            int gen = generation;
            timers.put(id, loop.schedule(() -> {
                timers.remove(id);
                if (gen == generation) {
                    call(callback);
                }
            }, ms));
            return id;
        }));
        ScriptableObject.putProperty(bridge, "clearTimer", fn("clearTimer", 1, (c, s, t, a) -> {
            EventLoop.Cancellable timer = timers.remove((int) Context.toNumber(a[0]));
            if (timer != null) {
                timer.cancel();
            }
            return Undefined.instance;
        }));
        ScriptableObject.putProperty(bridge, "store", fn("store", 6, (c, s, t, a) -> {
            Function resolve = (Function) a[4];
            Function reject = (Function) a[5];
            int gen = generation;
            StoreCalls.call(host.shared(), Context.toString(a[0]), arg(a[1]), arg(a[2]), arg(a[3])).whenComplete((result, error) ->
                    loop.execute(() -> {
                        if (gen != generation) {
                            return;
                        }
                        if (error != null) {
                            Throwable cause = error instanceof CompletionException ce && ce.getCause() != null
                                    ? ce.getCause() : error;
                            call(reject, String.valueOf(cause.getMessage()));
                        } else {
                            call(resolve, toJsValue(result));
                        }
                    }));
            return Undefined.instance;
        }));
        ScriptableObject.putProperty(bridge, "subscribe", fn("subscribe", 2, (c, s, t, a) -> {
            Function listener = (Function) a[1];
            int gen = generation;
            Runnable undo = host.shared().subscribe(Context.toString(a[0]), message -> loop.execute(() -> {
                if (gen == generation) {
                    call(listener, message);
                }
            }));
            return fn("unsubscribe", 0, (c2, s2, t2, a2) -> {
                undo.run();
                return Undefined.instance;
            });
        }));
        ScriptableObject.putProperty(bridge, "reply", fn("reply", 3, (c, s, t, a) -> {
            DatagramReplies replies = currentReplies;
            if (replies == null) {
                return "ctx.reply can only be used after a datagram arrived";
            }
            return replies.reply(bytesOf(a[0]), Context.toString(a[1]), (int) Context.toNumber(a[2]))
                    .<Object>map(refusal -> refusal).orElse(Undefined.instance);
        }));
        return bridge;
    }

    private Object toJsValue(Object result) {
        if (result instanceof List<?> list) {
            Context cx = engine.factory().enterContext();
            try {
                return cx.newArray(scope, list.toArray());
            } finally {
                Context.exit();
            }
        }
        if (result instanceof Long || result instanceof Integer) {
            return ((Number) result).doubleValue();
        }
        return result;
    }

    private static StoreCalls.Arg arg(Object v) {
        return new StoreCalls.Arg() {
            @Override
            public String text() {
                return Context.toString(v);
            }

            @Override
            public long number() {
                return (long) Context.toNumber(v);
            }

            @Override
            public boolean absent() {
                return v == null || v instanceof Undefined;
            }
        };
    }
}

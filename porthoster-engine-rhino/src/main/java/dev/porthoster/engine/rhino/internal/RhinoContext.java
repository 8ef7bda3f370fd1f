package dev.porthoster.engine.rhino.internal;

import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.js.HostFunction;
import dev.porthoster.js.ScriptErrors;
import dev.porthoster.js.ScriptFailure;
import dev.porthoster.js.spi.Arguments;
import dev.porthoster.js.spi.ScriptContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.TopLevel;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.WrappedException;
import org.mozilla.javascript.typedarrays.NativeArrayBuffer;
import org.mozilla.javascript.typedarrays.NativeArrayBufferView;

/**
 * The Rhino bridge: one handler boot in its own Rhino scope. A stop ({@link #interrupt()}) raises a flag that the
 * instruction observer sees within a few thousand instructions, where it throws {@link RhinoScriptEngine.Runaway},
 * which no script can catch.
 */
final class RhinoContext implements ScriptContext {

    private final RhinoScriptEngine engine;
    private final HandlerHost host;
    private final ScriptableObject scope;
    private final RhinoModules modules;
    /** Walks what the scope retains; captured before any handler code could replace a built-in it uses. */
    private final RhinoHeapMeter meter;
    /** Raised by {@link #interrupt()}; the instruction observer reads it through the Context's thread-locals. */
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile boolean closed;
    private Scriptable runtime;

    RhinoContext(RhinoScriptEngine engine, HandlerHost host) {
        this.engine = engine;
        this.host = host;
        Context cx = engine.factory().enterContext();
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
        } finally {
            Context.exit();
        }
        modules = new RhinoModules(host, scope);
    }

    @Override
    public Object evaluatePrelude(Object hostObject) throws HandlerLoadException {
        return loading(cx -> {
            Function preludeFn = (Function) engine.prelude().exec(cx, scope);
            runtime = (Scriptable) preludeFn.call(cx, scope, scope, new Object[] {hostObject});
            Scriptable globals = (Scriptable) ScriptableObject.getProperty(runtime, "globals");
            for (Object id : globals.getIds()) {
                String key = String.valueOf(id);
                ScriptableObject.defineProperty(scope, key, ScriptableObject.getProperty(globals, key),
                        ScriptableObject.DONTENUM);
            }
            ScriptableObject.defineProperty(scope, "__porthoster_EventEmitter",
                    ScriptableObject.getProperty(globals, "EventEmitter"), ScriptableObject.DONTENUM);
            return runtime;
        });
    }

    @Override
    public Object evaluateEntry() throws HandlerLoadException {
        return loading(cx -> {
            Scriptable namespace = modules.evaluateEntry(cx);
            cx.processMicrotasks(); // the module's top-level promise jobs, before the Context is released with them
            return namespace;
        });
    }

    private interface Load {
        Object run(Context cx) throws HandlerLoadException;
    }

    /** Runs one step of loading with the stop flag watched; every failure is a load error in JavaScript's terms. */
    private Object loading(Load step) throws HandlerLoadException {
        Path file = host.file().toAbsolutePath().normalize();
        Context cx = engine.factory().enterContext();
        cx.putThreadLocal(RhinoScriptEngine.STOP, stop);
        try {
            return step.run(cx);
        } catch (RhinoModules.ImportFailed e) {
            throw e.failure;
        } catch (WrappedException e) {
            if (e.getWrappedException() instanceof RhinoModules.ImportFailed f) {
                throw f.failure;
            }
            throw RhinoModules.loadFailure(file, e);
        } catch (RhinoException e) {
            throw RhinoModules.loadFailure(file, e);
        } catch (RhinoScriptEngine.Runaway e) {
            throw new HandlerLoadException(file, 0, "loading the module was stopped");
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
            cx.removeThreadLocal(RhinoScriptEngine.STOP);
            Context.exit();
        }
    }

    @Override
    public Object member(Object object, String name) {
        engine.factory().enterContext(); // a module namespace's members are getters, which run script
        try {
            Object v = ScriptableObject.getProperty((Scriptable) object, name);
            return v == Scriptable.NOT_FOUND || v == null || v instanceof Undefined ? null : v;
        } finally {
            Context.exit();
        }
    }

    @Override
    public boolean isFunction(Object value) {
        return value instanceof Function;
    }

    @Override
    public Object call(Object fn, Object[] args, boolean outermost) throws ScriptFailure {
        Context cx = engine.factory().enterContext();
        try {
            if (outermost) {
                cx.putThreadLocal(RhinoScriptEngine.STOP, stop);
            }
            Object result = ((Function) fn).call(cx, scope, scope, args);
            if (outermost) {
                cx.processMicrotasks();
            }
            return result;
        } catch (RhinoException e) {
            throw ScriptFailure.uncaught(e instanceof WrappedException w
                    ? ScriptErrors.of(w.getWrappedException()).toString() : e.details());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            if (ScriptErrors.isFatal(e)) {
                throw e;
            }
            // A Java failure no script catch saw (in a promise job, say): logged as the JavaScript error it stands for.
            throw ScriptFailure.uncaught(ScriptErrors.of(e).toString());
        } catch (RhinoScriptEngine.Runaway e) {
            if (!outermost) {
                throw e; // unwinds every script frame up to the outermost call
            }
            throw ScriptFailure.interrupted();
        } finally {
            if (outermost) {
                cx.removeThreadLocal(RhinoScriptEngine.STOP);
            }
            // Releasing the Context drops a stopped callback's queued promise jobs with it: an endless chain cannot
            // carry over into the fresh scope.
            Context.exit();
        }
    }

    /**
     * A host operation for script. It runs only with room on the stack ({@link ScriptErrors#stackHasRoom()}), and a
     * Java exception out of it reaches script as the JavaScript error {@link ScriptErrors} names, never as Java text.
     */
    @Override
    public Object function(HostFunction f) {
        return new LambdaFunction(scope, f.name(), f.arity(), (c, s, t, a) -> {
            if (!ScriptErrors.stackHasRoom()) {
                throw ScriptRuntime.constructError("RangeError", ScriptErrors.STACK_OVERFLOW);
            }
            try {
                return toScript(f.operation().apply(new RhinoArguments(a)));
            } catch (RhinoException e) {
                throw e;
            } catch (RuntimeException e) {
                ScriptErrors.ScriptError error = ScriptErrors.of(e);
                throw ScriptRuntime.constructError(error.name(), error.message());
            }
        });
    }

    @Override
    public Object object(Map<String, ?> members) {
        Context cx = engine.factory().enterContext();
        try {
            Scriptable object = cx.newObject(scope);
            members.forEach((k, v) -> ScriptableObject.putProperty(object, k, toScript(v)));
            return object;
        } finally {
            Context.exit();
        }
    }

    @Override
    public Object array(List<?> elements) {
        Context cx = engine.factory().enterContext();
        try {
            return cx.newArray(scope, elements.toArray());
        } finally {
            Context.exit();
        }
    }

    @Override
    public Object primitive(Object value) {
        if (value == null) {
            return Undefined.instance;
        }
        return value instanceof Number n && !(value instanceof Double) ? n.doubleValue() : value;
    }

    @Override
    public Object bytes(byte[] bytes) {
        Context cx = engine.factory().enterContext();
        try {
            NativeArrayBuffer buffer = (NativeArrayBuffer) cx.newObject(scope, "ArrayBuffer", new Object[] {bytes.length});
            System.arraycopy(bytes, 0, buffer.getBuffer(), 0, bytes.length);
            return cx.newObject(scope, "Uint8Array", new Object[] {buffer});
        } finally {
            Context.exit();
        }
    }

    @Override
    public void interrupt() {
        stop.set(true);
    }

    @Override
    public void close() {
        closed = true;
        modules.clear();
        runtime = null;
    }

    /** Walks on the loop, between callbacks: Rhino's objects are not safe to read while a callback changes them. */
    @Override
    public CompletionStage<OptionalLong> measureHeap(long stopAtBytes) {
        CompletableFuture<OptionalLong> out = new CompletableFuture<>();
        host.loop().execute(() -> {
            if (closed) {
                out.complete(OptionalLong.empty());
                return;
            }
            List<Object> roots = new ArrayList<>(modules.loaded());
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
    public Set<Path> filesRead() {
        return modules.filesRead();
    }

    private record RhinoArguments(Object[] a) implements Arguments {

        private Object at(int i) {
            return i < a.length ? a[i] : Undefined.instance;
        }

        @Override
        public int length() {
            return a.length;
        }

        @Override
        public boolean absent(int i) {
            Object v = at(i);
            return v == null || v instanceof Undefined;
        }

        @Override
        public String text(int i) {
            return Context.toString(at(i));
        }

        @Override
        public long integer(int i) {
            return (long) Context.toNumber(at(i));
        }

        @Override
        public double number(int i) {
            return Context.toNumber(at(i));
        }

        @Override
        public boolean bool(int i) {
            return Context.toBoolean(at(i));
        }

        @Override
        public byte[] bytes(int i) {
            if (!(at(i) instanceof NativeArrayBufferView view)) {
                throw new IllegalArgumentException("expected bytes (a Uint8Array), got " + Context.toString(at(i)));
            }
            byte[] out = new byte[view.getByteLength()];
            System.arraycopy(view.getBuffer().getBuffer(), view.getByteOffset(), out, 0, out.length);
            return out;
        }

        @Override
        public Object value(int i) {
            return at(i);
        }
    }
}

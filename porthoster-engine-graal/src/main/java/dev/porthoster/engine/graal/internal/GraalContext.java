package dev.porthoster.engine.graal.internal;

import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.js.HostFunction;
import dev.porthoster.js.ScriptErrors;
import dev.porthoster.js.ScriptFailure;
import dev.porthoster.js.spi.Arguments;
import dev.porthoster.js.spi.ScriptContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
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
 * The GraalJS bridge: one handler boot in its own polyglot {@link Context}, on the engine's shared {@code Engine}.
 * The watchdog's stop cancels the context ({@code close(true)} from the watchdog's thread).
 */
final class GraalContext implements ScriptContext {

    /** What handler code may touch of the host: byte buffers, nothing else. */
    static final HostAccess HOST_ACCESS = HostAccess.newBuilder().allowBufferAccess(true).build();

    /** What a host operation returns instead of running when the stack has no room for it; script throws. */
    private static final String NO_STACK = "porthoster:no-stack-left";

    private final GraalScriptEngine owner;
    private final HandlerHost host;
    private final Context context;
    private final ConfinedFileSystem files;
    /** Measures this context's heap; null when the runtime cannot. */
    private final ContextHeapMeter.Handle heapHandle;
    /** Adapters that pass a Uint8Array argument as (buffer, offset, length), by "arity/index": Java reads no members. */
    private final Map<String, Value> bytesAdapters = new HashMap<>();
    /** (name, message) to a new RangeError, TypeError or Error, made before handler code could replace them. */
    private final Value errorFactory;
    /**
     * (object, sentinel) to a script object whose functions call the object's and throw Node's stack-overflow
     * RangeError when one returns {@link #NO_STACK}: near the end of the stack even a call back into the guest to
     * make an error would overflow.
     */
    private final Value guardHost;
    private final Value bytesFromHost;

    GraalContext(GraalScriptEngine owner, HandlerHost host) {
        this.owner = owner;
        this.host = host;
        this.files = new ConfinedFileSystem(host.contentRoot(), host.file());
        this.context = Context.newBuilder("js")
                .engine(owner.engine())
                .allowHostAccess(HOST_ACCESS)
                .allowHostClassLookup(name -> false)
                .allowIO(IOAccess.newBuilder().fileSystem(files).build())
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .option("js.esm-eval-returns-exports", "true")
                .option("js.console", "false")
                .option("js.print", "false")
                .option("js.load", "false")
                .build();
        this.heapHandle = owner.heapHandle(context);
        this.errorFactory = context.eval(Source.newBuilder("js", "((E) => (name, message) => new E[name](message))"
                + "({RangeError, TypeError, Error})", "porthoster:errors.js").buildLiteral());
        this.guardHost = context.eval(Source.newBuilder("js", """
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
        this.bytesFromHost = context.eval("js", "(b) => new Uint8Array(new ArrayBuffer(b))");
    }

    @Override
    public Object evaluatePrelude(Object hostObject) throws HandlerLoadException {
        try {
            Value runtime = context.eval(owner.prelude()).execute(hostObject);
            Value bindings = context.getBindings("js");
            Value globals = runtime.getMember("globals");
            for (String key : globals.getMemberKeys()) {
                bindings.putMember(key, globals.getMember(key));
            }
            bindings.putMember("__porthoster_EventEmitter", globals.getMember("EventEmitter"));
            for (String hostGlobal : new String[] {"Java", "Packages", "java", "javax", "javafx", "com", "org", "edu",
                "Polyglot", "Graal"}) {
                bindings.removeMember(hostGlobal);
            }
            return runtime;
        } catch (PolyglotException e) {
            throw loadFailure(host.file(), e);
        }
    }

    @Override
    public Object evaluateEntry() throws HandlerLoadException {
        Path file = host.file();
        try {
            // Read by the module rules (checked, bounded), not by GraalJS; the file keeps imports relative to it.
            Source source = Source.newBuilder("js", file.toFile()).content(files.entry().text())
                    .mimeType("application/javascript+module").build();
            return context.eval(source);
        } catch (IOException e) {
            throw new HandlerLoadException(file, 0, "cannot read the handler: " + e.getMessage());
        } catch (PolyglotException e) {
            throw files.refusalIn(e.getMessage()).orElseGet(() -> loadFailure(file, e));
        }
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
        firstLine = firstLine.replaceFirst("^(SyntaxError: )?" + Pattern.quote(name) + ":\\d+:\\d+ ", "$1");
        String kind = e.isSyntaxError() && !firstLine.startsWith("SyntaxError") ? "SyntaxError: " : "";
        return new HandlerLoadException(where, line, kind + firstLine);
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

    @Override
    public Object member(Object object, String name) {
        Value v = ((Value) object).getMember(name);
        return v == null || v.isNull() ? null : v;
    }

    @Override
    public boolean isFunction(Object value) {
        return value instanceof Value v && v.canExecute();
    }

    @Override
    public Object call(Object fn, Object[] args, boolean outermost) throws ScriptFailure {
        try {
            // GraalJS runs the promise jobs when the outermost polyglot call returns.
            return ((Value) fn).execute(args);
        } catch (PolyglotException e) {
            throw e.isCancelled() ? ScriptFailure.interrupted() : ScriptFailure.uncaught(describe(e));
        }
    }

    /**
     * A host operation for script. It runs only with room on the stack ({@link ScriptErrors#stackHasRoom()}; else it
     * returns {@link #NO_STACK} for {@link #guardHost}'s wrapper to throw), and a Java exception out of it reaches
     * script as the JavaScript error {@link ScriptErrors} names, never as a host exception carrying a Java class name.
     */
    @Override
    public Object function(HostFunction f) {
        int bytesAt = f.bytesArgument().orElse(-1);
        ProxyExecutable op = a -> {
            if (!ScriptErrors.stackHasRoom()) {
                return NO_STACK;
            }
            try {
                return toScript(f.operation().apply(new GraalArguments(a, bytesAt)));
            } catch (PolyglotException e) {
                throw e;
            } catch (RuntimeException e) {
                ScriptErrors.ScriptError error = ScriptErrors.of(e);
                throw errorFactory.execute(error.name(), error.message()).throwException();
            }
        };
        return bytesAt < 0 ? op : bytesAdapter(f.arity(), bytesAt).execute(op);
    }

    /** {@code (w) => function (a0, a1) { return w(a0.buffer, a0.byteOffset, a0.byteLength, a1); }} for index 0 of 2. */
    private Value bytesAdapter(int arity, int index) {
        return bytesAdapters.computeIfAbsent(arity + "/" + index, k -> {
            StringBuilder params = new StringBuilder();
            StringBuilder passed = new StringBuilder();
            for (int i = 0; i < arity; i++) {
                String sep = i == 0 ? "" : ", ";
                params.append(sep).append('a').append(i);
                passed.append(sep).append(i == index ? "a" + i + ".buffer, a" + i + ".byteOffset, a" + i + ".byteLength"
                        : "a" + i);
            }
            return context.eval("js", "(w) => function (" + params + ") { return w(" + passed + "); }");
        });
    }

    @Override
    public Object object(Map<String, ?> members) {
        Map<String, Object> converted = new HashMap<>();
        members.forEach((k, v) -> converted.put(k, toScript(v)));
        return guardHost.execute(ProxyObject.fromMap(converted), NO_STACK);
    }

    @Override
    public Object array(List<?> elements) {
        return ProxyArray.fromList(List.copyOf(elements));
    }

    @Override
    public Object primitive(Object value) {
        return value;
    }

    @Override
    public Object bytes(byte[] bytes) {
        return bytesFromHost.execute(ByteBuffer.wrap(bytes));
    }

    @Override
    public void interrupt() {
        context.close(true);
    }

    @Override
    public void close() {
        context.close(true);
    }

    @Override
    public CompletionStage<OptionalLong> measureHeap(long stopAtBytes) {
        return owner.measure(heapHandle, stopAtBytes);
    }

    @Override
    public Set<Path> filesRead() {
        return files.filesRead();
    }

    /** Script's arguments; a bytes argument arrives spread as (buffer, offset, length) by {@link #bytesAdapter}. */
    private record GraalArguments(Value[] a, int bytesAt) implements Arguments {

        private Value at(int i) {
            int index = bytesAt >= 0 && i > bytesAt ? i + 2 : i;
            return index < a.length ? a[index] : null;
        }

        @Override
        public int length() {
            return bytesAt >= 0 ? a.length - 2 : a.length;
        }

        @Override
        public boolean absent(int i) {
            Value v = at(i);
            return v == null || v.isNull();
        }

        @Override
        public String text(int i) {
            Value v = at(i);
            return v == null ? "undefined" : v.isString() ? v.asString() : v.toString();
        }

        @Override
        public long integer(int i) {
            Value v = at(i);
            return v != null && v.isNumber() ? (v.fitsInLong() ? v.asLong() : (long) v.asDouble()) : 0;
        }

        @Override
        public double number(int i) {
            Value v = at(i);
            return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
        }

        @Override
        public boolean bool(int i) {
            Value v = at(i);
            if (v == null || v.isNull()) {
                return false;
            } else if (v.isBoolean()) {
                return v.asBoolean();
            } else if (v.isNumber()) {
                double d = v.asDouble();
                return d != 0 && !Double.isNaN(d);
            }
            return !v.isString() || !v.asString().isEmpty();
        }

        @Override
        public byte[] bytes(int i) {
            if (i == bytesAt) {
                int length = a[i + 2].asInt();
                byte[] out = new byte[length];
                a[i].readBuffer(a[i + 1].asLong(), out, 0, length);
                return out;
            }
            Value u8 = at(i);
            if (u8 == null || !u8.hasMember("buffer")) {
                throw new IllegalArgumentException("expected bytes (a Uint8Array)");
            }
            int length = (int) u8.getMember("byteLength").asLong();
            byte[] out = new byte[length];
            u8.getMember("buffer").readBuffer(u8.getMember("byteOffset").asLong(), out, 0, length);
            return out;
        }

        @Override
        public Object value(int i) {
            return at(i);
        }
    }
}

package dev.porthoster.js.spi;

import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.js.HostFunction;
import dev.porthoster.js.ScriptFailure;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One boot of one handler on a script engine: a fresh global scope (a GraalJS {@code Context}, a Rhino scope) with the
 * {@link dev.porthoster.js.Prelude} and the handler's modules in it. This is all an engine implements;
 * {@link dev.porthoster.js.ScriptHandlerInstance} drives it. Script values cross as {@code Object}s of the engine's own
 * types, opaque to the lifecycle. Every method is called on the instance's loop except where it says otherwise.
 * (Interfaces only in this package; {@link #toScript} is a default method so that every engine converts alike.)
 */
public interface ScriptContext {

    /** Makes a fresh context for {@code host}'s handler: no prelude and no handler code in it yet. */
    @FunctionalInterface
    interface Factory {
        ScriptContext open(HandlerHost host);
    }

    /**
     * Evaluates the prelude ({@code (host) => runtime}) with {@code host}, installs {@code runtime.globals} as global
     * bindings (and {@code __porthoster_EventEmitter}, for {@code node:events}), removes whatever reaches Java from the
     * globals, and returns {@code runtime}.
     */
    Object evaluatePrelude(Object host) throws HandlerLoadException;

    /**
     * Evaluates the handler's entry module, with its imports confined by {@link dev.porthoster.js.ModuleRules}, and
     * returns its namespace. A failure is a {@link HandlerLoadException} naming the file and line, in JavaScript's
     * terms (no Java class names).
     */
    Object evaluateEntry() throws HandlerLoadException;

    /** Member {@code name} of script object {@code object}; {@code null} when it is absent, undefined or null. */
    Object member(Object object, String name);

    /** Whether {@code value} is a script function. */
    boolean isFunction(Object value);

    /**
     * Calls script function {@code fn}. Arguments are script values, or Java values of the types {@link #toScript}
     * accepts. When {@code outermost} (no other call of this context is on the stack), the promise jobs the call queued
     * run before it returns; a nested call (a host operation calling back into script) just runs, and a stop of the
     * running callback passes through it to the outermost call.
     *
     * @return the function's result
     * @throws ScriptFailure an error no script caught, or the callback was stopped ({@link #interrupt()})
     */
    Object call(Object fn, Object[] args, boolean outermost) throws ScriptFailure;

    /** A script function that runs {@code function}'s operation. */
    Object function(HostFunction function);

    /** A plain script object with {@code members}: {@link HostFunction}s become functions, values go through {@link #toScript}. */
    Object object(Map<String, ?> members);

    /** A script array of {@code elements}, which are script values already. */
    Object array(List<?> elements);

    /**
     * {@code null}, a {@code String}, {@code Boolean} or {@link Number} as script sees it ({@code undefined} or
     * {@code null}, a string, a boolean, a number); anything else is a script value already and passes through.
     */
    Object primitive(Object value);

    /**
     * A Java value as script sees it: a {@link HostFunction} ({@link #function}), {@code byte[]} ({@link #bytes}),
     * {@code Map<String, ?>} ({@link #object}), {@code List} ({@link #array}, elements converted), else
     * {@link #primitive}. Written once here, so engines convert alike.
     */
    default Object toScript(Object value) {
        if (value instanceof HostFunction f) {
            return function(f);
        } else if (value instanceof byte[] b) {
            return bytes(b);
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> members = new LinkedHashMap<>();
            map.forEach((k, v) -> members.put(String.valueOf(k), v));
            return object(members);
        } else if (value instanceof List<?> list) {
            return array(list.stream().map(this::toScript).toList());
        }
        return primitive(value);
    }

    /** A {@code Uint8Array} over a copy of {@code bytes}; the hot path of every {@code data} event. */
    Object bytes(byte[] bytes);

    /**
     * Stops the callback running now at the engine's next check, as an uncatchable stop that makes {@link #call}
     * throw a {@link ScriptFailure} with {@link ScriptFailure#isInterrupted()}. Called from the watchdog's thread (or the
     * broker's memory guard); the context is not used for script afterwards.
     */
    void interrupt();

    /** Releases the context; nothing is called on it afterwards. */
    void close();

    /**
     * The heap this context's code retains, counting no further than a little past {@code stopAtBytes}; empty when the
     * engine cannot tell or the context is closed. Callable from any thread.
     */
    CompletionStage<OptionalLong> measureHeap(long stopAtBytes);

    /** Every file this context's modules were read from. Callable from any thread. */
    Set<Path> filesRead();
}

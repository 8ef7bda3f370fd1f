package dev.porthoster.engine.rhino.internal;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.mozilla.javascript.Callable;
import org.mozilla.javascript.ConsString;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.NativeMap;
import org.mozilla.javascript.NativeSet;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Symbol;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.Wrapper;
import org.mozilla.javascript.typedarrays.NativeArrayBuffer;
import org.mozilla.javascript.typedarrays.NativeArrayBufferView;

/**
 * Estimates the heap a Rhino handler retains: a bounded breadth-first walk, through Rhino's public API only, of
 * what is reachable from its top-level scope (plus extra roots the host holds for it: timer callbacks,
 * subscriptions). Follows own properties including non-enumerable and symbol-keyed ones, prototypes, parent
 * scopes (so closures: a function's parent scope is its activation), dense array elements, Map/Set entries,
 * array buffers; sizes come from a fixed model of a 64-bit JVM with compressed oops.
 *
 * <p>NOT thread-safe, like Rhino objects: call it on the handler's own thread, between callbacks, with a Rhino
 * {@link Context} entered. It never runs handler code: accessor properties are read as their getter/setter
 * functions, Proxies are not looked into, and the builtins it calls ({@code Map.prototype.forEach},
 * {@code Set.prototype.forEach}, {@code Object.getOwnPropertySymbols}) are captured by {@link #capture} before
 * handler code can replace them.
 *
 * <p>Not seen (Rhino keeps them in private fields): what a Proxy, a bound function, a Promise (its value and
 * pending reactions), a generator or a WeakMap holds. Host objects (Java objects wrapped for JS) count as zero.
 */
public final class RhinoHeapMeter {
    // Size model: 64-bit HotSpot, compressed oops/class pointers, 8-byte alignment.
    private static final int OBJECT = 56;      // a ScriptableObject subclass instance + its empty slot map
    private static final int SLOT = 48;        // one property: slot object + share of the slot map's table
    private static final int DENSE_ELEMENT = 5; // one element of a NativeArray's dense Object[] (4 B + growth slack)
    private static final int INDEX_SLOT = 64;  // an integer-keyed property outside a dense array
    private static final int MAP_ENTRY = 140;  // one Map/Set entry (Rhino's Hashtable: HashMap node + entry)
    private static final int BOX = 16;         // Double, Integer, Long
    private static final int STRING = 24;      // java.lang.String without its byte[]
    private static final int ARRAY_HEADER = 16;

    private static final String[] DESCRIPTOR_FIELDS = {"value", "get", "set"};
    private final Callable ownSymbols;  // Object.getOwnPropertySymbols
    private final Callable ownDescriptor; // Object.getOwnPropertyDescriptor
    private final Callable mapForEach;  // Map.prototype.forEach
    private final Callable setForEach;  // Set.prototype.forEach

    private RhinoHeapMeter(Callable ownSymbols, Callable ownDescriptor, Callable mapForEach, Callable setForEach) {
        this.ownSymbols = ownSymbols;
        this.ownDescriptor = ownDescriptor;
        this.mapForEach = mapForEach;
        this.setForEach = setForEach;
    }

    /** Call right after {@code initSafeStandardObjects}, before any handler code runs in {@code scope}. */
    public static RhinoHeapMeter capture(Scriptable scope) {
        Object object = ScriptableObject.getProperty(scope, "Object");
        return new RhinoHeapMeter(
                builtin(object, "getOwnPropertySymbols"),
                builtin(object, "getOwnPropertyDescriptor"),
                builtin(prototype(scope, "Map"), "forEach"),
                builtin(prototype(scope, "Set"), "forEach"));
    }

    private static Object prototype(Scriptable scope, String ctor) {
        Object c = ScriptableObject.getProperty(scope, ctor);
        return c instanceof Scriptable s ? ScriptableObject.getProperty(s, "prototype") : null;
    }

    private static Callable builtin(Object holder, String name) {
        if (holder instanceof Scriptable s && ScriptableObject.getProperty(s, name) instanceof Callable c) {
            return c;
        }
        return null;
    }

    /**
     * Estimated bytes retained by {@code scope} and {@code extraRoots}; stops soon after passing
     * {@code stopAtBytes} (then returns a value above it). Needs the current thread's Context ({@code cx}).
     *
     * @throws CancellationException when {@code cancelled} turns true
     */
    public long retainedBytes(Context cx, Scriptable scope, Collection<?> extraRoots, long stopAtBytes, AtomicBoolean cancelled) {
        Walk w = new Walk(cx, scope, stopAtBytes);
        w.offer(scope);
        if (extraRoots != null) {
            for (Object r : extraRoots) {
                w.offer(r);
            }
        }
        int n = 0;
        Object next;
        while (w.size <= stopAtBytes && (next = w.pending.pollFirst()) != null) {
            if ((++n & 1023) == 0 && cancelled != null && cancelled.get()) {
                throw new CancellationException("cancelled at " + w.size + " bytes");
            }
            w.visit(next);
        }
        return w.size;
    }

    private final class Walk implements Callable {
        final Context cx;
        final Scriptable scope;
        final long stopAt;
        final ArrayDeque<Object> pending = new ArrayDeque<>();
        final IdentitySet seen = new IdentitySet();
        long size;

        Walk(Context cx, Scriptable scope, long stopAt) {
            this.cx = cx;
            this.scope = scope;
            this.stopAt = stopAt;
        }

        /** Counts a leaf now, queues a container once. */
        void offer(Object o) {
            if (o == null || o instanceof Boolean) {
                return;
            }
            if (o instanceof Integer i && i >= -128 && i <= 127) {
                return; // Integer cache
            } else if (o instanceof Number num) {
                if (seen.add(num)) size += num instanceof BigInteger b ? 40 + ((b.bitLength() + 7) / 8 + 7) / 8 * 8 : BOX;
            } else if (o instanceof String s) {
                if (seen.add(s)) size += stringBytes(s);
            } else if (o instanceof ConsString c) {
                if (seen.add(c)) size += 32 + stringBytes(c);
            } else if (o instanceof Symbol) {
                if (seen.add(o)) size += 32;
            } else if (o instanceof Wrapper || !(o instanceof Scriptable || o instanceof Collection<?> || o instanceof Map<?, ?>)) {
                // host object (or an undefined/unique marker): outside the handler's heap, like GraalJS's host boundary
            } else if (seen.add(o)) {
                size += OBJECT;
                pending.addLast(o);
            }
        }

        void visit(Object o) {
            if (o instanceof Scriptable s) {
                visitScriptable(s);
            } else if (o instanceof Collection<?> c) { // host-side roots
                c.forEach(this::offer);
            } else if (o instanceof Map<?, ?> m) {
                m.forEach((k, v) -> { offer(k); offer(v); });
            }
        }

        void visitScriptable(Scriptable s) {
            offer(s.getPrototype());
            offer(s.getParentScope());
            if (!(s instanceof ScriptableObject so)) {
                return;
            }
            if (so.getClass().getName().equals("org.mozilla.javascript.NativeProxy")) {
                return; // its ids/get would run the handler's traps
            }
            if (so instanceof NativeArrayBufferView view) { // don't enumerate the indices of typed arrays
                offer(view.getBuffer());
                return;
            }
            if (so instanceof NativeArrayBuffer buf) {
                size += ARRAY_HEADER + align(buf.getLength());
            }
            boolean array = so instanceof NativeArray;
            for (Object id : so.getAllIds()) {
                if (size > stopAt) {
                    return;
                }
                if (id instanceof Integer i) {
                    size += array ? DENSE_ELEMENT : INDEX_SLOT;
                    property(so, null, i);
                } else if (id instanceof String name) {
                    size += SLOT;
                    offer(name);
                    property(so, name, 0);
                }
            }
            if (ownSymbols != null && ownDescriptor != null && ownSymbols.call(cx, scope, scope, new Object[] {so}) instanceof NativeArray syms) {
                for (Object sym : syms) {
                    if (sym instanceof Symbol key) {
                        size += SLOT;
                        offer(key);
                        // through the descriptor: a symbol-keyed getter must not run
                        if (ownDescriptor.call(cx, scope, scope, new Object[] {so, key}) instanceof ScriptableObject d) {
                            size += OBJECT; // descriptor objects are garbage, but cheap to over-count
                            for (String f : DESCRIPTOR_FIELDS) {
                                Object v = d.get(f, d); // own property only: never Object.prototype's
                                if (v != Scriptable.NOT_FOUND) offer(v);
                            }
                        }
                    }
                }
            }
            Callable forEach = so instanceof NativeMap ? mapForEach : so instanceof NativeSet ? setForEach : null;
            if (forEach != null) {
                try {
                    forEach.call(cx, scope, so, new Object[] {this});
                } catch (StopWalk | org.mozilla.javascript.RhinoException e) {
                    // over budget (possibly wrapped by Rhino), or Map.prototype / Set.prototype: not a map
                }
            }
        }

        /** Offers a property's value, or its accessor functions without calling them. */
        void property(ScriptableObject so, String name, int index) {
            Object getter = accessor(so.getGetterOrSetter(name, index, scope, false));
            if (getter != null) {
                offer(getter);
                offer(accessor(so.getGetterOrSetter(name, index, scope, true)));
                return;
            }
            Object v = value(so, name == null ? (Object) index : name); // no getter: get() runs no handler code
            if (v == Undefined.instance) {
                offer(accessor(so.getGetterOrSetter(name, index, scope, true))); // a setter-only accessor
            } else {
                offer(v);
            }
        }

        /** forEach callback: (value, key, collection). */
        @Override
        public Object call(Context c, Scriptable callScope, Scriptable thisObj, Object[] args) {
            if (size > stopAt) {
                throw new StopWalk(); // leaves forEach early
            }
            size += MAP_ENTRY;
            if (args.length > 0) offer(args[0]);
            if (args.length > 1 && args[1] != args[0]) offer(args[1]);
            return null;
        }
    }

    private static final class StopWalk extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopWalk() {
            super(null, null, false, false);
        }
    }

    /** A data property's value; a builtin (Java) accessor may refuse its receiver, e.g. on a prototype. */
    private static Object value(ScriptableObject so, Object id) {
        try {
            return id instanceof Integer i ? so.get(i, so) : so.get((String) id, so);
        } catch (org.mozilla.javascript.RhinoException e) {
            return null;
        }
    }

    /** getGetterOrSetter answers Undefined (not null) for a data property. */
    private static Object accessor(Object getterOrSetter) {
        return getterOrSetter instanceof Callable ? getterOrSetter : null;
    }

    private static long stringBytes(CharSequence s) {
        int n = s.length();
        boolean latin1 = true;
        for (int i = 0, step = Math.max(1, n / 64); i < n; i += step) { // sample: exact for short strings
            if (s.charAt(i) > 0xFF) { latin1 = false; break; }
        }
        return STRING + ARRAY_HEADER + align(latin1 ? n : 2L * n);
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }

    /** Add-only identity set, open addressing: 4-8 bytes per member (compressed oops). */
    private static final class IdentitySet {
        private Object[] table = new Object[1024];
        private int count;

        boolean add(Object o) {
            Object[] t = table;
            int mask = t.length - 1;
            int i = System.identityHashCode(o) & mask;
            for (Object e; (e = t[i]) != null; i = (i + 1) & mask) {
                if (e == o) {
                    return false;
                }
            }
            t[i] = o;
            if (++count > t.length >> 1) {
                grow();
            }
            return true;
        }

        private void grow() {
            Object[] old = table;
            Object[] t = new Object[old.length << 1];
            int mask = t.length - 1;
            for (Object o : old) {
                if (o != null) {
                    int i = System.identityHashCode(o) & mask;
                    while (t[i] != null) i = (i + 1) & mask;
                    t[i] = o;
                }
            }
            table = t;
        }
    }
}

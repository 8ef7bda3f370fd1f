package dev.porthoster.js;

import dev.porthoster.api.Conn;
import dev.porthoster.api.TlsSession;
import dev.porthoster.api.spi.Addresses;
import dev.porthoster.js.spi.Arguments;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * The native {@code conn} operations the prelude wraps: every abstract method of {@link Conn}, found by reflection
 * once, as a script function of the same name that takes the connection's id (a number, {@link ConnTable}) before the
 * method's own arguments. One set serves every connection of a context, so a connection costs script a number and no
 * functions of its own (see docs/architecture.md). So a method added to {@code Conn} reaches script with no line here
 * or in an engine: only the prelude decides how {@code net.Socket} offers it.
 *
 * <p>Overloads become one function that picks the overload by how many arguments script passed (trailing
 * {@code undefined} not counted). Parameters cross as {@code boolean}, {@code int}, {@code long}, {@code double},
 * {@code String}, {@code byte[]} (a {@code Uint8Array}) or an exception type that takes an {@link IOException} (made
 * from the script's text). Results cross as those, or an {@link InetSocketAddress} as
 * {@code {address, family, port}}, or an {@code Optional} of a {@link TlsSession} as Node's TLS properties
 * ({@link TlsObjects}) or {@code null}. A method of any other shape fails this class's initialisation, naming it, so
 * nobody adds a {@code Conn} method that silently never reaches script.
 */
final class ConnOperations {

    /** The most parameters a {@code Conn} method may take: the prelude's {@code NativeConn} passes this many on. */
    static final int MAX_PARAMETERS = 3;

    /** One script function per method name, in a stable order. */
    private static final List<Group> GROUPS = groups();

    private record Group(String name, List<Overload> overloads, int arity, OptionalInt bytesArgument) {
    }

    /**
     * One method, as a handle of type {@code (Object conn, Object[] args) Object}: a direct call, few frames deep, so
     * a host operation stays within the stack headroom {@link ScriptErrors#stackHasRoom()} checks for.
     */
    private record Overload(Class<?>[] types, MethodHandle handle) {
        static Overload of(Method m) {
            try {
                int n = m.getParameterCount();
                MethodHandle h = MethodHandles.publicLookup().unreflect(m)
                        .asType(MethodType.genericMethodType(n + 1))
                        .asSpreader(Object[].class, n);
                return new Overload(m.getParameterTypes(), h);
            } catch (IllegalAccessException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private ConnOperations() {
    }

    /**
     * The script-facing operations, by name, of the connections {@code connections} finds by id: each takes the id
     * first. An id that finds nothing (its connection has closed) makes the operation do nothing and return
     * {@code undefined}.
     */
    static Map<String, HostFunction> of(LongFunction<? extends Conn> connections) {
        Map<String, HostFunction> ops = new LinkedHashMap<>();
        for (Group g : GROUPS) {
            OptionalInt bytesAt = g.bytesArgument().isPresent() ? OptionalInt.of(g.bytesArgument().getAsInt() + 1)
                    : OptionalInt.empty();
            ops.put(g.name(), new HostFunction(g.name(), g.arity() + 1, bytesAt, a -> {
                Conn conn = connections.apply(a.integer(0));
                return conn == null ? null : invoke(conn, g, new AfterId(a));
            }));
        }
        return ops;
    }

    /** The arguments after the id. */
    private record AfterId(Arguments a) implements Arguments {
        @Override
        public int length() {
            return Math.max(0, a.length() - 1);
        }

        @Override
        public boolean absent(int i) {
            return a.absent(i + 1);
        }

        @Override
        public String text(int i) {
            return a.text(i + 1);
        }

        @Override
        public long integer(int i) {
            return a.integer(i + 1);
        }

        @Override
        public double number(int i) {
            return a.number(i + 1);
        }

        @Override
        public boolean bool(int i) {
            return a.bool(i + 1);
        }

        @Override
        public byte[] bytes(int i) {
            return a.bytes(i + 1);
        }

        @Override
        public Object value(int i) {
            return a.value(i + 1);
        }
    }

    private static Object invoke(Conn conn, Group group, Arguments a) {
        int given = a.length();
        while (given > 0 && a.absent(given - 1)) {
            given--;
        }
        Overload chosen = group.overloads().get(0);
        for (Overload o : group.overloads()) {
            if (o.types().length <= given) {
                chosen = o;
            }
        }
        Class<?>[] types = chosen.types();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = argument(types[i], a, i);
        }
        try {
            return result((Object) chosen.handle().invokeExact((Object) conn, args));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            throw new IllegalStateException(group.name() + " failed: " + checked.getMessage(), checked);
        }
    }

    private static Object argument(Class<?> type, Arguments a, int i) {
        if (type == boolean.class) {
            return a.bool(i);
        } else if (type == int.class) {
            return (int) a.integer(i);
        } else if (type == long.class) {
            return a.integer(i);
        } else if (type == double.class) {
            return a.number(i);
        } else if (type == String.class) {
            return a.text(i);
        } else if (type == byte[].class) {
            return a.bytes(i);
        }
        return new IOException(a.absent(i) ? "destroyed" : a.text(i)); // an exception type, checked in groups()
    }

    private static Object result(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(ConnOperations::result).orElse(null);
        }
        if (value instanceof TlsSession tls) {
            return TlsObjects.of(tls);
        }
        if (value instanceof InetSocketAddress address) {
            return Map.of("address", Addresses.text(address.getAddress()),
                    "family", Addresses.family(address.getAddress()), "port", address.getPort());
        }
        return value;
    }

    private static List<Group> groups() {
        Map<String, List<Method>> byName = new TreeMap<>();
        for (Method m : Conn.class.getMethods()) {
            if (Modifier.isAbstract(m.getModifiers()) && m.getDeclaringClass() == Conn.class) {
                check(m);
                byName.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
            }
        }
        List<Group> groups = new ArrayList<>();
        byName.forEach((name, overloads) -> {
            overloads.sort(Comparator.comparingInt(Method::getParameterCount));
            Method widest = overloads.get(overloads.size() - 1);
            int bytesAt = Arrays.asList(widest.getParameterTypes()).indexOf(byte[].class);
            if (overloads.size() > 1 && bytesAt >= 0) {
                throw new ExceptionInInitializerError("Conn." + name + ": an overloaded method cannot take byte[] "
                        + "(script passes it by position); give the byte[] variant its own name");
            }
            groups.add(new Group(name, overloads.stream().map(Overload::of).toList(), widest.getParameterCount(),
                    bytesAt < 0 ? OptionalInt.empty() : OptionalInt.of(bytesAt)));
        });
        return List.copyOf(groups);
    }

    private static void check(Method m) {
        List<Class<?>> params = Arrays.asList(m.getParameterTypes());
        if (params.size() > MAX_PARAMETERS) {
            throw new ExceptionInInitializerError("Conn." + m.getName() + ": at most " + MAX_PARAMETERS
                    + " parameters reach script (the prelude's NativeConn passes three after the id)");
        }
        if (params.stream().filter(t -> t == byte[].class).count() > 1) {
            throw new ExceptionInInitializerError("Conn." + m.getName() + ": at most one byte[] parameter reaches script");
        }
        for (Class<?> t : params) {
            boolean plain = t == boolean.class || t == int.class || t == long.class || t == double.class
                    || t == String.class || t == byte[].class;
            if (!plain && !(Throwable.class.isAssignableFrom(t) && t.isAssignableFrom(IOException.class))) {
                throw new ExceptionInInitializerError("Conn." + m.getName() + ": a " + t.getSimpleName()
                        + " parameter cannot come from script; use boolean, int, long, double, String or byte[] "
                        + "(or teach dev.porthoster.js.ConnOperations the type)");
            }
        }
        Class<?> r = m.getReturnType();
        boolean optionalTls = r == Optional.class && m.getGenericReturnType() instanceof java.lang.reflect.ParameterizedType p
                && p.getActualTypeArguments()[0] == TlsSession.class;
        if (!(r == void.class || r == boolean.class || r == int.class || r == long.class || r == double.class
                || r == String.class || r == InetSocketAddress.class || optionalTls)) {
            throw new ExceptionInInitializerError("Conn." + m.getName() + ": a " + r.getSimpleName()
                    + " result cannot reach script; return void, boolean, int, long, double, String, "
                    + "InetSocketAddress or Optional<TlsSession> (or teach dev.porthoster.js.ConnOperations the type)");
        }
    }
}

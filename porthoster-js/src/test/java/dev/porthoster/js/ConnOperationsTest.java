package dev.porthoster.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.porthoster.api.Conn;
import dev.porthoster.js.spi.Arguments;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The native {@code conn} script gets is {@link Conn} itself: every method, by name, with nothing written per method;
 * one set for all connections, each call naming its connection by id.
 */
class ConnOperationsTest {

    @Test
    void everyConnMethodReachesScriptUnderItsName() {
        Set<String> declared = new java.util.TreeSet<>();
        for (var m : Conn.class.getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isAbstract(m.getModifiers())) {
                declared.add(m.getName());
            }
        }
        assertEquals(declared, new java.util.TreeSet<>(ConnOperations.of(id -> new RecordingConn().conn).keySet()));
    }

    @Test
    void argumentsAndResultsCrossInTheTypesTheMethodDeclares() {
        RecordingConn conn = new RecordingConn();
        Map<String, HostFunction> ops = ConnOperations.of(id -> id == 5 ? conn.conn : null);
        assertEquals(OptionalInt.of(1), ops.get("write").bytesArgument(), "write's bytes may take the engine's fast path");
        assertEquals(true, ops.get("write").operation().apply(args(5L, new byte[] {1, 2})));
        ops.get("setNoDelay").operation().apply(args(5L, true));
        assertEquals(Map.of("address", "203.0.113.7", "family", "IPv4", "port", 40000),
                ops.get("remoteAddress").operation().apply(args(5L)));
        assertEquals(7000, ops.get("localPort").operation().apply(args(5L)));
        assertEquals(List.of("write [1, 2]", "setNoDelay true"), conn.calls);
    }

    @Test
    void anOverloadIsChosenByHowManyArgumentsScriptPassed() {
        RecordingConn conn = new RecordingConn();
        HostFunction destroy = ConnOperations.of(id -> conn.conn).get("destroy");
        destroy.operation().apply(args(1L));
        destroy.operation().apply(args(1L, null));
        destroy.operation().apply(args(1L, "boom"));
        assertEquals(List.of("destroy", "destroy", "destroy(boom)"), conn.calls);
    }

    @Test
    void aFailureInTheTransportReachesTheEngineAsItself() {
        HostFunction end = ConnOperations.of(id -> new RecordingConn().conn).get("end");
        assertThrows(IllegalStateException.class, () -> end.operation().apply(args(1L)));
    }

    @Test
    void anOperationOnAConnectionThatHasClosedDoesNothing() {
        RecordingConn conn = new RecordingConn();
        ConnTable table = new ConnTable();
        long id = table.add(conn.conn);
        Map<String, HostFunction> ops = ConnOperations.of(table::get);
        table.remove(id);
        assertEquals(null, ops.get("write").operation().apply(args(id, new byte[] {1})));
        assertEquals(List.of(), conn.calls);
    }

    @Test
    void theMethodsAddedSinceTakeTheIdFirstToo() {
        RecordingConn conn = new RecordingConn();
        Map<String, HostFunction> ops = ConnOperations.of(id -> id == 9 ? conn.conn : null);
        assertEquals(Map.of("address", "192.0.2.1", "family", "IPv4", "port", 7000),
                ops.get("localAddress").operation().apply(args(9L)));
        assertEquals(null, ops.get("tls").operation().apply(args(9L)), "a plaintext connection's tls() is null");
        ops.get("setKeepAlive").operation().apply(args(9L, true, 1500L));
        assertEquals(List.of("setKeepAlive true 1500"), conn.calls);
        assertEquals(null, ops.get("localAddress").operation().apply(args(8L)), "another id finds nothing");
    }

    private static Arguments args(Object... values) {
        return new Arguments() {
            @Override public int length() { return values.length; }
            @Override public boolean absent(int i) { return i >= values.length || values[i] == null; }
            @Override public String text(int i) { return String.valueOf(values[i]); }
            @Override public long integer(int i) { return ((Number) values[i]).longValue(); }
            @Override public double number(int i) { return ((Number) values[i]).doubleValue(); }
            @Override public boolean bool(int i) { return (Boolean) values[i]; }
            @Override public byte[] bytes(int i) { return (byte[]) values[i]; }
            @Override public Object value(int i) { return values[i]; }
        };
    }

    /**
     * A fake {@link Conn} that records every call by reflection, so a method added to {@code Conn} needs nothing here.
     */
    private static final class RecordingConn {
        final List<String> calls = new ArrayList<>();
        final Conn conn = (Conn) java.lang.reflect.Proxy.newProxyInstance(Conn.class.getClassLoader(),
                new Class<?>[] {Conn.class}, (proxy, method, a) -> switch (method.getName()) {
                    case "remoteAddress" -> new InetSocketAddress("203.0.113.7", 40000);
                    case "localPort" -> 7000;
                    case "localAddress" -> new InetSocketAddress("192.0.2.1", 7000);
                    case "isWritable" -> true;
                    case "unsentBytes" -> 0L;
                    case "tls" -> java.util.Optional.empty();
                    case "end" -> throw new IllegalStateException("the connection is closed");
                    case "write" -> {
                        calls.add("write " + Arrays.toString((byte[]) a[0]));
                        yield true;
                    }
                    case "toString" -> "RecordingConn";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == a[0];
                    default -> {
                        calls.add(method.getName() + (a == null ? "" : a[0] instanceof Exception e
                                ? "(" + e.getMessage() + ")" : " " + a[0] + (a.length > 1 ? " " + a[1] : "")));
                        yield null;
                    }
                });
    }
}

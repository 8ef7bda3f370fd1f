package dev.porthoster.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.api.Conn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Script names a connection by a number; a number held after its connection closed never reaches another one. */
class ConnTableTest {

    private static Conn conn() {
        return (Conn) java.lang.reflect.Proxy.newProxyInstance(Conn.class.getClassLoader(), new Class<?>[] {Conn.class},
                (p, m, a) -> m.getName().equals("equals") ? p == a[0] : m.getName().equals("hashCode")
                        ? System.identityHashCode(p) : null);
    }

    @Test
    void aConnectionIsFoundByItsIdUntilItIsRemoved() {
        ConnTable table = new ConnTable();
        Conn a = conn();
        long id = table.add(a);
        assertSame(a, table.get(id));
        table.remove(id);
        assertNull(table.get(id));
        assertEquals(0, table.size());
    }

    @Test
    void aStaleIdNeverFindsTheConnectionThatReusedItsSlot() {
        ConnTable table = new ConnTable();
        long old = table.add(conn());
        table.remove(old);
        Conn next = conn();
        long id = table.add(next);
        assertNotEquals(old, id);
        assertNull(table.get(old));
        assertSame(next, table.get(id));
    }

    @Test
    void manyConnectionsGetDistinctIdsThatScriptCanHoldExactly() {
        ConnTable table = new ConnTable();
        Set<Long> ids = new HashSet<>();
        List<Long> open = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            long id = table.add(conn());
            assertTrue(ids.add(id));
            assertTrue(id >= 0 && id < (1L << 53), "exact as a script number");
            open.add(id);
            if (i % 3 == 0) {
                table.remove(open.remove(0));
            }
        }
        assertEquals(open.size(), table.size());
        open.forEach(id -> assertTrue(table.get(id) != null));
    }

    @Test
    void idsThatWereNeverGivenFindNothing() {
        ConnTable table = new ConnTable();
        table.add(conn());
        assertNull(table.get(-1));
        assertNull(table.get(12345));
        assertNull(table.get(Long.MAX_VALUE));
    }
}

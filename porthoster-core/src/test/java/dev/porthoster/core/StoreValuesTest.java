package dev.porthoster.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.porthoster.api.SharedStore;
import dev.porthoster.core.internal.StoreValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Java writes store values exactly as the prelude's {@code JSON.stringify} does (the expected strings were printed by
 * Node 20), so a value stored from Java and the same value stored from a script are the same text: equal for
 * {@code compareAndSet}, and readable on either side.
 */
class StoreValuesTest {

    @Test
    void numbersAreWrittenAsJavaScriptWritesThem() {
        assertEquals("0", StoreValues.encode(0));
        assertEquals("0", StoreValues.encode(-0.0));
        assertEquals("-1", StoreValues.encode(-1L));
        assertEquals("1.5", StoreValues.encode(1.5));
        assertEquals("0.1", StoreValues.encode(0.1));
        assertEquals("12345678.5", StoreValues.encode(12345678.5));
        assertEquals("1e+21", StoreValues.encode(1e21));
        assertEquals("1e-7", StoreValues.encode(1e-7));
        assertEquals("1.23e-18", StoreValues.encode(123e-20));
        assertEquals("9007199254740991", StoreValues.encode(9007199254740991L));
        assertEquals("9007199254740994", StoreValues.encode(9007199254740993.5));
        assertEquals("100000000000000000000", StoreValues.encode(1e20));
        assertEquals("0.000001", StoreValues.encode(0.000001));
        assertEquals("42", StoreValues.encode(42.0));
    }

    @Test
    void stringsAreQuotedAsJsonStringifyQuotesThem() {
        assertEquals("\"a\\\"b\\\\c\\n\\t\\b\\f\\u0001\\u001f/é😀\"", StoreValues.encode("a\"b\\c\n\t\b\f\u0001\u001f/é😀"));
        assertEquals("\"\\ud800x\"", StoreValues.encode("\ud800x"));
    }

    @Test
    void structuresKeepTheirOrderAndBytesTravelTagged() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("c", List.of());
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("b", 1);
        outer.put("a", inner);
        assertEquals("{\"b\":1,\"a\":{\"c\":[]}}", StoreValues.encode(outer));
        assertEquals("[1,\"x\",[null]]", StoreValues.encode(List.of(1, "x", List.of(SharedStore.NULL))));
        assertEquals("{\"\\u0000bytes\":\"AQL/\"}", StoreValues.encode(new byte[] {1, 2, -1}));
        assertEquals("true", StoreValues.encode(true));
    }

    @Test
    void decodingGivesTheDocumentedJavaTypes() {
        assertEquals(42L, StoreValues.decode("42"));
        assertEquals(1.5, StoreValues.decode("1.5"));
        assertEquals(1e21, StoreValues.decode("1e+21"));
        assertEquals("hi", StoreValues.decode("\"hi\""));
        assertEquals(SharedStore.NULL, StoreValues.decode("null"));
        assertEquals(List.of(1L, SharedStore.NULL), StoreValues.decode("[1,null]"));
        assertEquals(List.of("b", "a"), List.copyOf(((Map<?, ?>) StoreValues.decode("{\"b\":1,\"a\":2}")).keySet()));
        assertArrayEquals(new byte[] {1, 2, -1}, (byte[]) StoreValues.decode("{\"\\u0000bytes\":\"AQL/\"}"));
    }

    @Test
    void whatIsNoStoreValueIsRefusedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreValues.encode(new Object()));
        assertEquals("a java.lang.Object is not a store value: use String, Number, Boolean, SharedStore.NULL, "
                + "byte[], List or Map<String, ?>", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StoreValues.encode(null));
        assertThrows(IllegalArgumentException.class, () -> StoreValues.encode(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> StoreValues.encode(1L << 60));
        assertThrows(IllegalArgumentException.class, () -> StoreValues.encode(Map.of(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> StoreValues.decode("{oops"));
    }
}

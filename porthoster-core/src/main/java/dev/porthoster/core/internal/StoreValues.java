package dev.porthoster.core.internal;

import dev.porthoster.api.SharedStore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The encoding of shared-store values, the same text the JavaScript prelude writes with {@code JSON.stringify} and
 * reads with {@code JSON.parse}: byte arrays travel as {@code {"\u0000bytes": base64}}. Written here character for
 * character as {@code JSON.stringify} writes it, so that a value stored from Java compares equal
 * ({@code compareAndSet}) to the same value stored from a script. The Java types are those {@link SharedStore}
 * documents.
 */
public final class StoreValues {

    /** The key a byte array's object carries, as in the prelude. */
    static final String BYTES_TAG = "\u0000bytes";
    /** Numbers within ±2^53 that are integral decode as {@link Long}. */
    private static final double SAFE = 9007199254740991d;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private StoreValues() {
    }

    /**
     * Encodes a value.
     *
     * @throws IllegalArgumentException for a value of no store type (its class is named), a non-finite number, or a
     *                                  list or map that contains itself
     */
    public static String encode(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out.toString();
    }

    /**
     * Decodes text the prelude or {@link #encode} wrote.
     *
     * @throws IllegalArgumentException when the text is not such an encoding
     */
    public static Object decode(String text) {
        try {
            return value(MAPPER.readTree(text));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a stored value: " + e.getOriginalMessage(), e);
        }
    }

    private static void write(Object value, StringBuilder out, java.util.Set<Object> open) {
        switch (value) {
            case null -> throw new IllegalArgumentException("null is not a store value; use SharedStore.NULL for "
                    + "JSON's null, or delete the key");
            case SharedStore.Null n -> out.append("null");
            case String s -> string(s, out);
            case Boolean b -> out.append(b);
            case Byte b -> out.append(b.intValue());
            case Short s -> out.append(s.intValue());
            case Integer i -> out.append(i.intValue());
            case Long l -> number((double) l, l, out);
            case Number n -> number(n.doubleValue(), null, out);
            case byte[] bytes -> {
                out.append("{\"\\u0000bytes\":\"").append(Base64.getEncoder().encodeToString(bytes)).append("\"}");
            }
            case List<?> list -> {
                if (!open.add(list)) {
                    throw new IllegalArgumentException("a list that contains itself is not a store value");
                }
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out, open);
                }
                out.append(']');
                open.remove(list);
            }
            case Map<?, ?> map -> {
                if (!open.add(map)) {
                    throw new IllegalArgumentException("a map that contains itself is not a store value");
                }
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("a store map's keys must be strings, not "
                                + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
                    }
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(key, out);
                    out.append(':');
                    write(e.getValue(), out, open);
                }
                out.append('}');
                open.remove(map);
            }
            default -> throw new IllegalArgumentException("a " + value.getClass().getName() + " is not a store value: "
                    + "use String, Number, Boolean, SharedStore.NULL, byte[], List or Map<String, ?>");
        }
    }

    /** {@code JSON.stringify}'s quoting: escapes quote, backslash, controls and lone surrogates, nothing else. */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean lone = Character.isHighSurrogate(c)
                            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || lone) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** ECMAScript's Number::toString for a finite number, which {@code JSON.stringify} uses. */
    private static void number(double d, Long exact, StringBuilder out) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(d + " is not a store value (JSON has no NaN or Infinity)");
        }
        if (exact != null && Math.abs(exact) > (long) SAFE) {
            throw new IllegalArgumentException(exact + " is beyond ±2^53 and would lose precision as a JavaScript "
                    + "number; store it as a string");
        }
        if (d == 0) {
            out.append('0'); // also -0, as JSON.stringify(-0) is "0"
            return;
        }
        if (d < 0) {
            out.append('-');
            d = -d;
        }
        // The shortest digits that round-trip (Double.toString gives them since JDK 19), and the exponent n such that
        // the value is 0.digits × 10^n.
        BigDecimal exactDigits = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exactDigits.unscaledValue().toString();
        int k = digits.length();
        int n = k - exactDigits.scale();
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
    }

    private static Object value(JsonNode node) {
        if (node.isNull()) {
            return SharedStore.NULL;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            double d = node.doubleValue();
            return d == Math.rint(d) && Math.abs(d) <= SAFE ? (Object) (long) d : (Object) d;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                list.add(value(item));
            }
            return Collections.unmodifiableList(list);
        }
        if (node.isObject()) {
            if (node.size() == 1 && node.get(BYTES_TAG) != null && node.get(BYTES_TAG).isTextual()) {
                return Base64.getDecoder().decode(node.get(BYTES_TAG).asText());
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                map.put(e.getKey(), value(e.getValue()));
            }
            return Collections.unmodifiableMap(map);
        }
        throw new IllegalArgumentException("not a stored value: " + node.getNodeType());
    }
}

package dev.porthoster.js.spi;

/**
 * The arguments script passed to a {@link HostOperation}, read in the Java type the operation wants. A missing
 * argument reads as {@code undefined}.
 */
public interface Arguments {

    /** How many arguments there are (at least the function's declared arity on some engines). */
    int length();

    /** Whether argument {@code i} is {@code undefined} or {@code null}, or missing. */
    boolean absent(int i);

    /** Argument {@code i} as text (JavaScript's {@code String(v)}). */
    String text(int i);

    /** Argument {@code i} as a whole number (JavaScript's {@code Number(v)}, truncated). */
    long integer(int i);

    /** Argument {@code i} as a number. */
    double number(int i);

    /** Argument {@code i} as a boolean (JavaScript's truthiness). */
    boolean bool(int i);

    /**
     * Argument {@code i}, a {@code Uint8Array}, copied; an {@link IllegalArgumentException} when it is not one. On an
     * operation that declared {@code i} as its bytes argument ({@link dev.porthoster.js.HostFunction#bytesArgument}),
     * the engine reads it without member lookups.
     */
    byte[] bytes(int i);

    /** Argument {@code i} as the engine's own script value, to keep (a callback) or to hand back to script. */
    Object value(int i);
}

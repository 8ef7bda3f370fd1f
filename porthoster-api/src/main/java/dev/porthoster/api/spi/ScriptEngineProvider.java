package dev.porthoster.api.spi;

/**
 * Supplies a {@link ScriptEngine}. Found with {@link java.util.ServiceLoader}; the broker picks the one named
 * explicitly ({@code --engine}, {@code -Dporthoster.engine}, or the embedding builder) and otherwise the one with the
 * highest {@link #priority()}.
 */
public interface ScriptEngineProvider {

    /** A short lowercase id users type to choose this engine, e.g. {@code graal} or {@code rhino}. */
    String id();

    /** Higher wins when no engine is chosen explicitly. */
    int priority();

    /** Creates an engine; the caller closes it. */
    ScriptEngine create();
}

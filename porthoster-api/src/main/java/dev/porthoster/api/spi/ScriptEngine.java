package dev.porthoster.api.spi;

/**
 * Loads handler modules into isolated instances. One engine serves every handler of a broker; each
 * {@link HandlerInstance} it returns is confined to the {@link EventLoop} of its {@link HandlerHost}.
 */
public interface ScriptEngine extends AutoCloseable {

    /** The id of the provider that made this engine. */
    String id();

    /** One line describing the runtime, logged at start-up (e.g. whether an optimizing JIT is active). */
    String describe();

    /**
     * Evaluates a handler module and returns an instance ready for {@link HandlerInstance#open()}. Must be called on
     * {@code host.loop()}.
     *
     * @throws HandlerLoadException when the file cannot be read, has a syntax error, or lacks the export its
     *                              protocol needs; the message names the file and line
     */
    HandlerInstance load(HandlerHost host) throws HandlerLoadException;

    /** Releases the engine's shared resources. Instances must be closed first. */
    @Override
    void close();
}

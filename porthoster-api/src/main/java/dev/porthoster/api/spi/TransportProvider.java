package dev.porthoster.api.spi;

/**
 * Supplies a {@link Transport}. Found with {@link java.util.ServiceLoader}; chosen explicitly by id or by the highest
 * {@link #priority()}.
 */
public interface TransportProvider {

    /** A short lowercase id, e.g. {@code netty}. */
    String id();

    /** Higher wins when no transport is chosen explicitly. */
    int priority();

    /**
     * Creates a transport with {@code loops} event-loop threads; the caller closes it.
     *
     * @param loops number of event loops; handlers are spread across them
     */
    Transport create(int loops);
}

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

    /** Creates a transport; the caller closes it. */
    Transport create();
}

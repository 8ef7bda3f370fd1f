package dev.porthoster.api.spi;

import java.net.InetSocketAddress;

/**
 * The transport side of one screened TCP connection, driven by the engine from the connection's loop. Backs the
 * handler's {@code conn} object.
 */
public interface Connection {

    /** The peer's address as screening saw it. */
    InetSocketAddress remoteAddress();

    /** The local port the connection arrived on. */
    int localPort();

    /**
     * Queues bytes for the peer (the array is owned by the transport afterwards).
     *
     * @return {@code false} when the unsent output is above the high-water mark: the handler should wait for
     *         {@link ConnectionEvents#onDrain()}
     */
    boolean write(byte[] bytes);

    /** Whether more output would be buffered without passing the high-water mark. */
    boolean isWritable();

    /** Bytes written and not yet handed to the operating system: what this connection holds of the heap. */
    long unsentBytes();

    /** Sends FIN after queued output; the connection closes when the peer has ended too. */
    void end();

    /** Closes at once, discarding queued output. */
    void destroy();

    /**
     * Closes at once, discarding queued output, and reports {@code error} to the handler first, as Node's
     * {@code socket.destroy(err)} does ({@code 'error'}, then {@code 'close'}).
     */
    void destroy(Exception error);

    /** Closes with a TCP reset (used for connections refused by screening). */
    void reset();

    /** Stops ({@code false}) or restarts ({@code true}) reading from the socket. */
    void setReading(boolean reading);

    /** Sets {@code TCP_NODELAY}. */
    void setNoDelay(boolean noDelay);
}

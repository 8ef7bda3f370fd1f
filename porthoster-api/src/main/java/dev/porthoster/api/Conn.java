package dev.porthoster.api;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One screened TCP connection, as a handler sees it: what a JavaScript handler's {@code conn} is built on, and what a
 * Java {@link TcpHandler} gets. Every method must be called on the handler's loop (the thread its callbacks run on).
 *
 * <p>The transport implements this interface directly, and the script host builds a script's {@code conn} from its
 * methods by reflection, so an operation added here is added in three places only: this file (the method and its
 * {@link Forwarding} default), the transport, and the JavaScript prelude that offers it to scripts.
 */
public interface Conn {

    /** The peer's address as screening saw it (the client's, when a trusted proxy said so). */
    InetSocketAddress remoteAddress();

    /** The local port the connection arrived on. */
    int localPort();

    /**
     * The local address and port the connection arrived on, as the socket reports it (Node's {@code socket.address()},
     * {@code localAddress}, {@code localFamily}).
     */
    InetSocketAddress localAddress();

    /**
     * The TLS session when the broker terminated TLS for this connection (the manifest's {@code tls}); empty for a
     * plaintext connection. A handler is handed a TLS connection only once its handshake has succeeded, so this never
     * changes during the connection's life.
     */
    Optional<TlsSession> tls();

    /**
     * Queues bytes for the peer; the array belongs to the connection afterwards.
     *
     * @return {@code false} when the unsent output is above the high-water mark: wait for {@link Listener#onDrain()}
     *         before writing more, as with Node's {@code socket.write}
     */
    boolean write(byte[] bytes);

    /** Whether more output would be queued without passing the high-water mark. */
    boolean isWritable();

    /** Bytes written and not yet handed to the operating system. */
    long unsentBytes();

    /** Sends FIN after the queued output; the connection closes when the peer has ended too. */
    void end();

    /** Closes at once, discarding queued output. */
    void destroy();

    /**
     * Closes at once, discarding queued output, and reports {@code error} to the connection's listener first
     * ({@link Listener#onError}, then {@link Listener#onClose}), as Node's {@code socket.destroy(err)} does.
     */
    void destroy(Exception error);

    /** Closes with a TCP reset. */
    void reset();

    /** Stops ({@code false}) or restarts ({@code true}) reading from the socket: Node's {@code pause()}/{@code resume()}. */
    void setReading(boolean reading);

    /** Sets {@code TCP_NODELAY}. */
    void setNoDelay(boolean noDelay);

    /**
     * Sets {@code SO_KEEPALIVE}, and with a positive {@code initialDelayMillis} how long the connection idles before
     * the first probe (rounded up to whole seconds, as the kernel counts), as Node's
     * {@code socket.setKeepAlive(enable, initialDelay)}; zero leaves the delay as it is.
     */
    void setKeepAlive(boolean enable, long initialDelayMillis);

    /**
     * A {@code Conn} that hands every operation to {@link #delegate()}: implement it and override only what you
     * change (core's screened connection overrides {@code write} alone). A method added to {@code Conn} gets its
     * forwarding default here, in this file, so no decorator has to learn of it.
     */
    interface Forwarding extends Conn {

        /** Where every operation not overridden goes. */
        Conn delegate();

        @Override
        default InetSocketAddress remoteAddress() {
            return delegate().remoteAddress();
        }

        @Override
        default int localPort() {
            return delegate().localPort();
        }

        @Override
        default InetSocketAddress localAddress() {
            return delegate().localAddress();
        }

        @Override
        default Optional<TlsSession> tls() {
            return delegate().tls();
        }

        @Override
        default boolean write(byte[] bytes) {
            return delegate().write(bytes);
        }

        @Override
        default boolean isWritable() {
            return delegate().isWritable();
        }

        @Override
        default long unsentBytes() {
            return delegate().unsentBytes();
        }

        @Override
        default void end() {
            delegate().end();
        }

        @Override
        default void destroy() {
            delegate().destroy();
        }

        @Override
        default void destroy(Exception error) {
            delegate().destroy(error);
        }

        @Override
        default void reset() {
            delegate().reset();
        }

        @Override
        default void setReading(boolean reading) {
            delegate().setReading(reading);
        }

        @Override
        default void setNoDelay(boolean noDelay) {
            delegate().setNoDelay(noDelay);
        }

        @Override
        default void setKeepAlive(boolean enable, long initialDelayMillis) {
            delegate().setKeepAlive(enable, initialDelayMillis);
        }
    }

    /**
     * The events of one connection, delivered on the handler's loop in order. A {@link TcpHandler} returns one per
     * connection; every method does nothing unless overridden.
     */
    interface Listener {

        /** Bytes arrived; the array is the listener's to keep. */
        default void onData(byte[] bytes) {
        }

        /** The peer half-closed its side (FIN). Node's {@code 'end'}. */
        default void onEnd() {
        }

        /** Output fell below the low-water mark after {@link Conn#write} returned {@code false}. */
        default void onDrain() {
        }

        /** A transport error; {@link #onClose()} follows. */
        default void onError(Throwable error) {
        }

        /** The connection is closed; no event follows. */
        default void onClose() {
        }

        /** A listener that ignores every event. */
        Listener IGNORE = new Listener() { };
    }
}

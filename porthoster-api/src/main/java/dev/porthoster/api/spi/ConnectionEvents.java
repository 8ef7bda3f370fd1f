package dev.porthoster.api.spi;

import dev.porthoster.api.Conn;

/** Events of one connection, delivered by the transport on the connection's loop, in order. */
public interface ConnectionEvents extends Conn.Listener {

    /** Bytes arrived; the array is the receiver's to keep. */
    @Override
    void onData(byte[] bytes);

    /** The peer half-closed its side (FIN). */
    @Override
    void onEnd();

    /** Output fell below the low-water mark after a {@code write} returned {@code false}. */
    @Override
    void onDrain();

    /** A transport error; {@link #onClose()} follows. */
    @Override
    void onError(Throwable error);

    /** The connection is closed; no event follows. */
    @Override
    void onClose();

    /** Events that go nowhere, for connections refused before a handler saw them. */
    ConnectionEvents IGNORE = new ConnectionEvents() {
        @Override public void onData(byte[] bytes) { }
        @Override public void onEnd() { }
        @Override public void onDrain() { }
        @Override public void onError(Throwable error) { }
        @Override public void onClose() { }
    };
}

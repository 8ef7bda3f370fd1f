package dev.porthoster.api.spi;

import dev.porthoster.api.Conn;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

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

    /**
     * The events of a connection handed to script callbacks (the {@code events} object the prelude's
     * {@code accept} returns), for engines: each event calls its callback through {@code call} while
     * {@code current} holds (the instance that accepted the connection was not restarted or closed since);
     * {@code onClose} runs {@code forget} first either way.
     *
     * @param <F> the engine's type of a script function
     */
    static <F> ConnectionEvents toScript(BooleanSupplier current, Runnable forget, BiConsumer<F, Object[]> call,
            Function<byte[], Object> bytes, F data, F end, F drain, F error, F close) {
        return new ConnectionEvents() {
            @Override
            public void onData(byte[] chunk) {
                if (current.getAsBoolean()) {
                    call.accept(data, new Object[] {bytes.apply(chunk)});
                }
            }

            @Override
            public void onEnd() {
                if (current.getAsBoolean()) {
                    call.accept(end, new Object[0]);
                }
            }

            @Override
            public void onDrain() {
                if (current.getAsBoolean()) {
                    call.accept(drain, new Object[0]);
                }
            }

            @Override
            public void onError(Throwable cause) {
                if (current.getAsBoolean()) {
                    call.accept(error, new Object[] {String.valueOf(cause.getMessage())});
                }
            }

            @Override
            public void onClose() {
                forget.run();
                if (current.getAsBoolean()) {
                    call.accept(close, new Object[0]);
                }
            }
        };
    }
}

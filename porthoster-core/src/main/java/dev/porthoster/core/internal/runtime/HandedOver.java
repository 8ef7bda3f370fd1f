package dev.porthoster.core.internal.runtime;

import dev.porthoster.api.spi.ConnectionEvents;
import java.util.Optional;

/**
 * The events of a connection its handler has: each goes to the handler's events, data counts as activity for the
 * idle timeout, and the close also releases what the port holds for the connection.
 */
final class HandedOver implements ConnectionEvents {

    private final ConnectionEvents handler;
    private final Optional<IdleTimer> idle;
    private final Runnable closed;

    HandedOver(ConnectionEvents handler, Optional<IdleTimer> idle, Runnable closed) {
        this.handler = handler;
        this.idle = idle;
        this.closed = closed;
    }

    @Override
    public void onData(byte[] bytes) {
        idle.ifPresent(IdleTimer::touch);
        handler.onData(bytes);
    }

    @Override
    public void onEnd() {
        handler.onEnd();
    }

    @Override
    public void onDrain() {
        handler.onDrain();
    }

    @Override
    public void onError(Throwable error) {
        handler.onError(error);
    }

    @Override
    public void onClose() {
        try {
            handler.onClose();
        } finally {
            closed.run();
        }
    }
}

package dev.porthoster.core.internal.runtime;

import dev.porthoster.api.Conn;
import dev.porthoster.api.spi.Connection;
import java.util.Optional;

/**
 * A connection as the handler gets it once screening let it through: its writes count as activity for the idle
 * timeout and are held against the port's output budget. Everything else goes straight to the transport
 * ({@link Conn.Forwarding}), so an operation added to {@link Conn} needs nothing here.
 */
final class ScreenedConnection implements Connection, Conn.Forwarding {

    private final Connection transport;
    private final Optional<IdleTimer> idle;
    private final OutputBudget output;

    ScreenedConnection(Connection transport, Optional<IdleTimer> idle, OutputBudget output) {
        this.transport = transport;
        this.idle = idle;
        this.output = output;
    }

    @Override
    public Conn delegate() {
        return transport;
    }

    @Override
    public boolean write(byte[] bytes) {
        idle.ifPresent(IdleTimer::touch);
        return output.beforeWrite(transport, bytes.length) && transport.write(bytes);
    }
}

package dev.porthoster.core.internal.runtime;

import dev.porthoster.api.spi.Connection;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A connection as the handler gets it once screening let it through: its writes count as activity for the idle
 * timeout and are held against the port's output budget. Everything else goes straight to the transport.
 */
final class ScreenedConnection implements Connection {

    private final Connection transport;
    private final Optional<IdleTimer> idle;
    private final OutputBudget output;

    ScreenedConnection(Connection transport, Optional<IdleTimer> idle, OutputBudget output) {
        this.transport = transport;
        this.idle = idle;
        this.output = output;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    @Override
    public int localPort() {
        return transport.localPort();
    }

    @Override
    public boolean write(byte[] bytes) {
        idle.ifPresent(IdleTimer::touch);
        return output.beforeWrite(transport, bytes.length) && transport.write(bytes);
    }

    @Override
    public boolean isWritable() {
        return transport.isWritable();
    }

    @Override
    public long unsentBytes() {
        return transport.unsentBytes();
    }

    @Override
    public void end() {
        transport.end();
    }

    @Override
    public void destroy() {
        transport.destroy();
    }

    @Override
    public void destroy(Exception error) {
        transport.destroy(error);
    }

    @Override
    public void reset() {
        transport.reset();
    }

    @Override
    public void setReading(boolean reading) {
        transport.setReading(reading);
    }

    @Override
    public void setNoDelay(boolean noDelay) {
        transport.setNoDelay(noDelay);
    }
}

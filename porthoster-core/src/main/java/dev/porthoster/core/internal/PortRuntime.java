package dev.porthoster.core.internal;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramSender;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.Transport;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One served port: its listening socket and the handler instance that currently receives its traffic. The socket
 * stays bound while the instance behind it is swapped, so a reload never drops the port.
 */
public final class PortRuntime implements Transport.TcpAcceptor, Transport.DatagramReceiver {

    private final PortSpec spec;
    private final Path file;
    private final EventLoop loop;
    private volatile HandlerInstance current;
    private volatile Transport.Listener listener;

    public PortRuntime(PortSpec spec, Path file, EventLoop loop, HandlerInstance instance) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.file = Objects.requireNonNull(file, "file");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.current = Objects.requireNonNull(instance, "instance");
    }

    public PortSpec spec() {
        return spec;
    }

    public Path file() {
        return file;
    }

    public EventLoop loop() {
        return loop;
    }

    public HandlerInstance instance() {
        return current;
    }

    public Transport.Listener listener() {
        return listener;
    }

    public void bound(Transport.Listener l) {
        this.listener = l;
    }

    @Override
    public ConnectionEvents accept(Connection connection) {
        HandlerInstance instance = current;
        if (instance == null) {
            connection.reset();
            return ConnectionEvents.IGNORE;
        }
        return instance.accept(connection);
    }

    @Override
    public void receive(Datagram datagram, DatagramSender replies) {
        HandlerInstance instance = current;
        if (instance != null) {
            instance.message(datagram, replies);
        }
    }

    /** Stops handing out work; returns the instance that was serving, for the caller to close. */
    public HandlerInstance detach() {
        HandlerInstance old = current;
        current = null;
        return old;
    }
}

package dev.porthoster.core.internal;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramSender;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.Transport;
import dev.porthoster.core.Manifest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One served port: its listening socket, the screen in front of it, and the handler instance that currently receives
 * what passes. The socket stays bound while the instance behind it is swapped, so a reload never drops the port.
 * Screening happens here, on the port's loop, before the handler sees anything: a refused connection is reset, a
 * refused datagram dropped.
 */
public final class PortRuntime implements Transport.TcpAcceptor, Transport.DatagramReceiver {

    private final PortSpec spec;
    private final Path file;
    private final EventLoop loop;
    private final Screen screen;
    private final RefusalLog refusalLog;
    private volatile HandlerInstance current;
    private volatile Transport.Listener listener;

    public PortRuntime(PortSpec spec, Path file, EventLoop loop, HandlerInstance instance, Manifest rules) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.file = Objects.requireNonNull(file, "file");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.current = Objects.requireNonNull(instance, "instance");
        this.screen = new Screen(rules, loop::nowMillis);
        this.refusalLog = new RefusalLog(spec.handlerFileName(), loop::nowMillis);
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

    public Screen screen() {
        return screen;
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
        InetAddress source = connection.remoteAddress().getAddress();
        if (instance == null) {
            connection.reset();
            return ConnectionEvents.IGNORE;
        }
        Optional<Screen.Reason> refused = screen.admitConnection(source);
        if (refused.isPresent()) {
            refusalLog.refused(refused.get(), source, "connection");
            connection.reset();
            return ConnectionEvents.IGNORE;
        }
        Optional<IdleTimer> idle = screen.rules().idleTimeout()
                .map(d -> new IdleTimer(loop, connection, d.toMillis()));
        ConnectionEvents events;
        try {
            events = instance.accept(idle.isPresent() ? idle.get().watched() : connection);
        } catch (RuntimeException e) {
            screen.closed(source);
            idle.ifPresent(IdleTimer::stop);
            throw e;
        }
        return new ConnectionEvents() {
            @Override
            public void onData(byte[] bytes) {
                idle.ifPresent(IdleTimer::touch);
                events.onData(bytes);
            }

            @Override
            public void onEnd() {
                events.onEnd();
            }

            @Override
            public void onDrain() {
                events.onDrain();
            }

            @Override
            public void onError(Throwable error) {
                events.onError(error);
            }

            @Override
            public void onClose() {
                screen.closed(source);
                idle.ifPresent(IdleTimer::stop);
                events.onClose();
            }
        };
    }

    @Override
    public void receive(Datagram datagram, DatagramSender replies) {
        HandlerInstance instance = current;
        if (instance == null) {
            return;
        }
        InetSocketAddress sender = datagram.sender();
        Optional<Screen.Reason> refused = screen.admitDatagram(sender.getAddress());
        if (refused.isPresent()) {
            refusalLog.refused(refused.get(), sender.getAddress(), "datagram");
            return;
        }
        instance.message(datagram, replies);
    }

    /** Stops handing out work; returns the instance that was serving, for the caller to close. */
    public HandlerInstance detach() {
        HandlerInstance old = current;
        current = null;
        return old;
    }
}

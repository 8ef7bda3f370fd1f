package dev.porthoster.core.internal.runtime;

import dev.porthoster.api.OutboundException;
import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.Dialer;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.Outbound;
import dev.porthoster.core.manifest.Manifest;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One handler instance's outbound traffic, through its port's {@link OutboundGate}: what the instance opened, so that
 * the broker can close it when the instance stops ({@link #closeAll()} at a restart, {@link #close()} once the instance
 * is closed for good). Used on the port's loop only.
 */
public final class GatedOutbound implements Outbound {

    private static final EventLoop.Cancellable NOTHING = () -> { };

    private final OutboundGate gate;
    private volatile Manifest rules;
    private final Set<Attempt> attempts = new HashSet<>();
    private final Set<GatedDatagrams> sockets = new HashSet<>();
    private boolean closed;

    GatedOutbound(OutboundGate gate, Manifest rules) {
        this.gate = gate;
        this.rules = rules;
    }

    void rules(Manifest next) {
        this.rules = next;
    }

    Manifest rules() {
        return rules;
    }

    OutboundGate gate() {
        return gate;
    }

    @Override
    public EventLoop.Cancellable connect(String address, int port, Dialer.Connector connector) {
        if (closed) {
            gate.loop().execute(() -> connector.failed(new OutboundException(OutboundException.ACCESS_DENIED,
                    "connect refused: this handler instance has stopped")));
            return NOTHING;
        }
        OutboundGate.Verdict verdict = gate.check(rules, address, port, "connect", attempts.size());
        if (verdict instanceof OutboundGate.Verdict.Refused refused) {
            gate.loop().execute(() -> connector.failed(refused.why()));
            return NOTHING;
        }
        Attempt attempt = new Attempt(connector);
        attempts.add(attempt);
        gate.started();
        attempt.dialing = gate.dialer().connectTcp(((OutboundGate.Verdict.Allowed) verdict).to(), gate.loop(),
                gate.connectTimeout(), attempt);
        return attempt;
    }

    @Override
    public Datagrams datagrams(Consumer<Datagram> listener) {
        GatedDatagrams socket = new GatedDatagrams(this, listener);
        if (closed) {
            socket.close();
        } else {
            sockets.add(socket);
        }
        return socket;
    }

    void forget(GatedDatagrams socket) {
        sockets.remove(socket);
    }

    /** Cancels every attempt under way, closes every connection and socket: the instance restarts. */
    public void closeAll() {
        Set.copyOf(attempts).forEach(Attempt::cancel);
        Set.copyOf(sockets).forEach(GatedDatagrams::close);
    }

    /**
     * {@link #closeAll()}, and refuses whatever is asked later: the instance is closed for good. Callable from any
     * thread (done on the loop).
     */
    public void close() {
        if (!gate.loop().inEventLoop()) {
            gate.loop().execute(this::close);
            return;
        }
        closed = true;
        closeAll();
        gate.forget(this);
    }

    /** One outbound TCP connection, from the attempt until it closes. */
    private final class Attempt implements Dialer.Connector, EventLoop.Cancellable {
        private final Dialer.Connector connector;
        private EventLoop.Cancellable dialing = NOTHING;
        private Connection connection;
        private boolean over;

        Attempt(Dialer.Connector connector) {
            this.connector = connector;
        }

        @Override
        public ConnectionEvents connected(Connection made) {
            if (over) {
                made.destroy();
                return ConnectionEvents.IGNORE;
            }
            connection = made;
            gate.output().opened(made);
            ConnectionEvents events;
            try {
                events = connector.connected(gate.screened(made));
            } catch (RuntimeException e) {
                end();
                made.destroy();
                throw e;
            }
            return new ConnectionEvents() {
                @Override
                public void onData(byte[] bytes) {
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
                    end(); // first: a handler that connects again from 'close' finds the slot free
                    events.onClose();
                }
            };
        }

        @Override
        public void failed(OutboundException failure) {
            if (!over) {
                end();
                connector.failed(failure);
            }
        }

        @Override
        public void cancel() {
            if (connection != null) {
                connection.destroy(); // its close event ends the attempt
            } else if (!over) {
                end();
                dialing.cancel();
            }
        }

        private void end() {
            if (!over) {
                over = true;
                attempts.remove(this);
                gate.ended();
                if (connection != null) {
                    gate.output().closed(connection);
                }
            }
        }
    }
}

package dev.porthoster.api.spi;

import dev.porthoster.api.OutboundException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Outbound traffic as a transport makes it, unchecked: TCP connections and UDP sockets opened on a handler's loop. The
 * broker never gives this to an engine or a handler; they get {@link Outbound}, which checks every destination against
 * the handler's manifest first and only then comes here. A {@link Transport} is a dialer; the testkit has one with fake
 * peers.
 */
public interface Dialer {

    /**
     * Starts a TCP connection to {@code remote}, registered on {@code loop}; returns at once. Later, on {@code loop},
     * exactly one of {@link Connector#connected} (which returns where the connection's events go) or
     * {@link Connector#failed} is called, unless the attempt was cancelled first.
     *
     * @param timeout how long the connect may take before it fails with {@code ETIMEDOUT}
     * @return cancels the attempt (nothing is reported then), or closes the connection once it is made
     */
    EventLoop.Cancellable connectTcp(InetSocketAddress remote, EventLoop loop, Duration timeout, Connector connector);

    /**
     * Opens a UDP socket on an ephemeral port of the wildcard address of one family ({@code 0.0.0.0}, or {@code ::}
     * when {@code ipv6}), registered on {@code loop}; returns at once, and datagrams sent before the socket is bound
     * wait for it. Each datagram that arrives on it is offered to {@code receiver} on {@code loop}, as a listening
     * socket's are ({@link Transport.DatagramReceiver#admit} first).
     */
    DatagramEndpoint openUdp(boolean ipv6, EventLoop loop, Transport.DatagramReceiver receiver);

    /** Told the outcome of {@link #connectTcp}, on the loop. */
    interface Connector {

        /** The connection is made; returns where its events go, as an acceptor does for an accepted connection. */
        ConnectionEvents connected(Connection connection);

        /** No connection was made; {@code failure} says why with Node's code ({@code ECONNREFUSED}, ...). */
        void failed(OutboundException failure);
    }

    /** A UDP socket of {@link #openUdp}: sends from its ephemeral port. */
    interface DatagramEndpoint extends DatagramSender, AutoCloseable {

        /** Closes the socket; later sends are dropped. */
        @Override
        void close();
    }
}

package dev.porthoster.api.spi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Owns the event loops and the listening sockets. Screening and dispatch are the broker's: the transport hands every
 * accepted connection and received datagram to the acceptor or receiver on the loop it was bound with.
 */
public interface Transport extends AutoCloseable {

    /** The event loops, fixed for the transport's life. */
    List<EventLoop> loops();

    /** Binds a TCP listener; accepted connections live on {@code loop} and are offered to {@code acceptor} there. */
    Listener bindTcp(InetSocketAddress address, EventLoop loop, TcpAcceptor acceptor) throws IOException;

    /** Binds a UDP socket on {@code loop}; each datagram is offered to {@code receiver} there. */
    Listener bindUdp(InetSocketAddress address, EventLoop loop, DatagramReceiver receiver) throws IOException;

    /** Closes every listener and connection and stops the loops. */
    @Override
    void close();

    /** Decides what becomes of a newly accepted connection, on its loop. */
    @FunctionalInterface
    interface TcpAcceptor {
        /**
         * @return where the connection's events go; a refusing acceptor calls {@link Connection#reset()} and returns
         *         {@link ConnectionEvents#IGNORE}
         */
        ConnectionEvents accept(Connection connection);
    }

    /** Receives datagrams, on the socket's loop. */
    @FunctionalInterface
    interface DatagramReceiver {
        /** Handles one datagram; {@code replies} sends from the same socket. */
        void receive(Datagram datagram, DatagramSender replies);
    }

    /** A bound socket. */
    interface Listener extends AutoCloseable {
        /** The address actually bound. */
        InetSocketAddress localAddress();

        /** Closes the listening socket; existing TCP connections stay open. */
        @Override
        void close();
    }
}

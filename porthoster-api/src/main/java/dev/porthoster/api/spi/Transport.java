package dev.porthoster.api.spi;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Owns the event loops, the listening sockets and the handlers' outbound sockets. Screening and dispatch are the
 * broker's: the transport hands every accepted connection and received datagram to the acceptor or receiver on the
 * loop it was bound with. As a {@link Dialer} it opens outbound connections and UDP sockets on a handler's loop, which
 * the broker offers handlers only through the check of {@link Outbound}.
 *
 * <p>The broker asks for one loop per handler instance ({@link #newLoop}), so a handler that keeps its thread busy
 * delays only itself: the operating system schedules handlers against each other as it schedules Node processes.
 */
public interface Transport extends Dialer, AutoCloseable {

    /**
     * Starts a loop with a thread of its own.
     *
     * @param name names the thread ({@code echo.tcp.7000}), so a thread dump or a profile shows which handler it runs
     */
    Loop newLoop(String name);

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

    /**
     * Receives datagrams, on the socket's loop. The transport reads datagrams in batches and asks {@link #admit} about
     * each one before it copies the payload or makes anything else for it, so that a refused datagram costs as little
     * as possible; only an admitted one becomes a {@link Datagram} for {@link #receive}.
     */
    interface DatagramReceiver {
        /** Screens a datagram by its source alone, before its payload is copied; false drops it. */
        boolean admit(InetSocketAddress sender);

        /** Handles a datagram {@link #admit} has just let through; {@code replies} sends from the same socket. */
        void receive(Datagram datagram, DatagramSender replies);

        /**
         * Ends a batch: the transport read {@code count} datagrams (admitted or not) since the last call, and
         * {@code more} says it stopped at its per-read limit with more possibly waiting in the socket rather than
         * because the socket was empty, the sign that datagrams arrive faster than they are handled.
         */
        default void endOfBatch(int count, boolean more) {
        }
    }

    /** An event loop owned by the broker, which closes it once nothing is registered on it any more. */
    interface Loop extends EventLoop, AutoCloseable {
        /** Runs what is already queued, then stops the thread. */
        @Override
        void close();
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

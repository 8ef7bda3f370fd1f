package dev.porthoster.api.spi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

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

    /**
     * Decides what becomes of a newly accepted connection, on its loop. A connection meets the port's {@link #edge()}
     * first: with a PROXY header to read, the acceptor screens the client the header names, not the load balancer;
     * with TLS, it is screened by {@link #screen} before the handshake (so a refused source costs no handshake) and
     * handed over by {@link Admitted#accept()} after it. Without either, {@link #accept} screens and hands over at
     * once.
     */
    @FunctionalInterface
    interface TcpAcceptor {
        /**
         * Screens a connection and hands it to the handler.
         *
         * @return where the connection's events go; a refusing acceptor calls {@link Connection#reset()} and returns
         *         {@link ConnectionEvents#IGNORE}
         */
        ConnectionEvents accept(Connection connection);

        /** The edge in force for connections accepted from now on; read at every accept. */
        default TcpEdge edge() {
            return TcpEdge.NONE;
        }

        /**
         * Screens a connection that needs more work before its handler may see it (a TLS handshake). Exactly one of
         * the returned {@link Admitted}'s methods must follow.
         *
         * @return empty when it was refused (the acceptor has counted it and called {@link Connection#reset()})
         */
        default Optional<Admitted> screen(Connection connection) {
            return Optional.of(new Admitted() {
                @Override
                public ConnectionEvents accept() {
                    return TcpAcceptor.this.accept(connection);
                }

                @Override
                public void refused(EdgeRefusal reason, String detail) {
                    TcpAcceptor.this.refused(connection.remoteAddress(), reason, detail);
                }
            });
        }

        /**
         * The transport refused a connection before screening it (its PROXY header was untrusted, missing, malformed
         * or late), and closes it; the acceptor counts and logs it.
         *
         * @param source the connection's own source (the load balancer's address for a PROXY port)
         * @param detail what exactly went wrong, for the log; may be empty
         */
        default void refused(InetSocketAddress source, EdgeRefusal reason, String detail) {
        }
    }

    /** A connection {@link TcpAcceptor#screen screened} and let through, waiting for its TLS handshake. */
    interface Admitted {
        /** The handshake succeeded: hands the connection to the handler; a refusing acceptor resets it. */
        ConnectionEvents accept();

        /** It failed before the handler saw it: the acceptor counts and logs it; the transport closes it. */
        void refused(EdgeRefusal reason, String detail);
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

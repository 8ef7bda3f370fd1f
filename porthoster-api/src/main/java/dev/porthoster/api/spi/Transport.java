package dev.porthoster.api.spi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Owns the event loops, the listening sockets and the handlers' outbound sockets. Screening and dispatch are the
 * broker's: the transport hands every accepted connection and received datagram to the acceptor or receiver on the
 * loop it was bound with. As a {@link Dialer} it opens outbound connections and UDP sockets on a handler's loop, which
 * the broker offers handlers only through the check of {@link Outbound}.
 *
 * <p>The broker asks for one loop per handler instance ({@link #newLoop}), so a handler that keeps its thread busy
 * delays only itself: the operating system schedules handlers against each other as it schedules Node processes. A
 * port served by several copies of its handler (the manifest's {@code instances}) has a loop per copy, and its new
 * connections and datagrams are spread over them ({@link #bindTcp(InetSocketAddress, Spread, TcpAcceptor)},
 * {@link #bindUdp(InetSocketAddress, List, DatagramReceiver)}).
 */
public interface Transport extends Dialer, AutoCloseable {

    /**
     * Starts a loop with a thread of its own.
     *
     * @param name names the thread ({@code echo.tcp.7000}), so a thread dump or a profile shows which handler it runs
     */
    Loop newLoop(String name);

    /** Binds a TCP listener; accepted connections live on {@code loop} and are offered to {@code acceptor} there. */
    default Listener bindTcp(InetSocketAddress address, EventLoop loop, TcpAcceptor acceptor) throws IOException {
        return bindTcp(address, () -> loop, acceptor);
    }

    /**
     * Binds one TCP listener whose connections are spread over several loops: for each accepted connection the
     * transport asks {@code spread} for a loop, registers the connection there (where it lives until it closes) and
     * offers it to {@code acceptor} on that loop. The listener stays bound while the loops {@code spread} answers
     * with change.
     */
    Listener bindTcp(InetSocketAddress address, Spread spread, TcpAcceptor acceptor) throws IOException;

    /** Binds a UDP socket on {@code loop}; each datagram is offered to {@code receiver} there. */
    default Listener bindUdp(InetSocketAddress address, EventLoop loop, DatagramReceiver receiver) throws IOException {
        return bindUdp(address, List.of(loop), receiver);
    }

    /**
     * Binds a UDP port served on {@code loops} (at least one): its datagrams are spread over them by source, so that
     * the datagrams of one address and port keep their order on one loop while the loops stay the same. How is the
     * transport's: a socket per loop where the system balances datagrams between sockets bound to one port (Linux's
     * {@code SO_REUSEPORT}), else one socket whose datagrams are handed to the loop their source hashes to.
     * {@link DatagramReceiver#admit} and {@link DatagramReceiver#endOfBatch} run on the loop of the socket that read
     * the datagram, {@link DatagramReceiver#receive} on the loop it was spread to; replies leave from the socket it
     * came in on.
     */
    UdpListener bindUdp(InetSocketAddress address, List<? extends EventLoop> loops, DatagramReceiver receiver)
            throws IOException;

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

    /**
     * Picks the loop each new connection of a listener lives on: asked on the transport's accepting thread, once per
     * connection before anything else is done with it, so it must be quick and thread-safe.
     */
    @FunctionalInterface
    interface Spread {
        /** The loop the next connection is registered on. */
        EventLoop next();
    }

    /** A bound UDP port whose datagrams are spread over loops. */
    interface UdpListener extends Listener {
        /**
         * Serves the port on {@code loops} from now on, without closing it: loops kept from the current list keep
         * their socket; a new loop gets one; a loop left out loses its socket, and whatever datagrams waited in that
         * socket are dropped. Datagrams of one source may change loop.
         *
         * @throws IOException when a new loop's socket cannot be bound; the loops in force stay as they were
         */
        void spread(List<? extends EventLoop> loops) throws IOException;
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

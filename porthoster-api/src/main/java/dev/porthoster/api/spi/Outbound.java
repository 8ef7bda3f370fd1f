package dev.porthoster.api.spi;

import dev.porthoster.api.OutboundException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A handler's outbound traffic, checked: what an engine offers scripts as {@code net.connect} and {@code ctx.udp}, and
 * a Java handler gets as {@code Ctx.connect}. A destination is an IP address written as text (a host name is refused,
 * never looked up) and a port, and it must match an entry of the handler's manifest's {@code connect} list; the check
 * is made here, before any system call, and a refusal is counted and logged by the broker. A manifest without
 * {@code connect} allows no outbound traffic at all.
 *
 * <p>Given by {@link HandlerHost#outbound()}, one per handler instance; used on the instance's loop only. The broker
 * closes what an instance opened through it when the instance stops: at a restart, and after its {@code close(ctx)}
 * once a reload or shutdown retired it.
 */
public interface Outbound {

    /**
     * Starts a TCP connection to {@code address:port}. The outcome reaches {@code connector} on the loop, never during
     * this call: {@link Dialer.Connector#connected}, or {@link Dialer.Connector#failed} with why, a refusal
     * ({@link OutboundException#refusedByBroker()}: nothing was sent) or the network's answer ({@code ECONNREFUSED},
     * {@code ETIMEDOUT}, ...).
     *
     * @return cancels the attempt, or closes the connection once it is made
     */
    EventLoop.Cancellable connect(String address, int port, Dialer.Connector connector);

    /**
     * A UDP socket for the handler's datagrams, opened (one per address family) on its first send. Datagrams that come
     * back from an address and port it sent to within the last 60 s go to {@code listener}, on the loop; any other is
     * dropped unread.
     */
    Datagrams datagrams(Consumer<Datagram> listener);

    /** The handler's UDP socket of {@link #datagrams}. */
    interface Datagrams extends AutoCloseable {

        /**
         * Sends {@code payload} (owned by the socket afterwards) to {@code address:port}.
         *
         * @return empty when the datagram was handed to the socket; otherwise why nothing was sent
         */
        Optional<OutboundException> send(byte[] payload, String address, int port);

        /** Closes the socket; later sends are refused. */
        @Override
        void close();
    }

    /** Refuses everything, naming {@code why}: what a host offering handlers no network gives. */
    static Outbound none(String why) {
        return new Outbound() {
            @Override
            public EventLoop.Cancellable connect(String address, int port, Dialer.Connector connector) {
                throw new IllegalStateException(why);
            }

            @Override
            public Datagrams datagrams(Consumer<Datagram> listener) {
                throw new IllegalStateException(why);
            }
        };
    }
}

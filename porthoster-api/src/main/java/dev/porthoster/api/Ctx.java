package dev.porthoster.api;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * What a handler gets besides its connection or datagram: a script's {@code ctx}. One per handler instance; its
 * methods may be called only on the handler's loop unless said otherwise.
 *
 * <p>A {@code Ctx} is also the {@link Executor} of the handler's loop: continue asynchronous work there, where
 * {@link Conn} may be used, with {@code ctx.shared().get(key).thenAcceptAsync(value -> conn.write(...), ctx)}.
 */
public interface Ctx extends Executor {

    /**
     * Runs {@code task} on the handler's loop; callable from any thread. Dropped when the handler has stopped or
     * restarted since (its connections are gone then).
     */
    @Override
    void execute(Runnable task);

    /** The handler's name, protocol and port, as its file name declares them. */
    PortSpec spec();

    /** The broker-wide store every handler shares, with the values scripts see ({@code ctx.shared}). */
    SharedStore shared();

    /**
     * The handler's log ({@code ctx.log}, {@code console}): each line tagged with the handler, escaped and bounded
     * like a script's. Usable from any thread.
     */
    System.Logger log();

    /**
     * Runs {@code task} on the handler's loop after {@code delay}; cancelled when the handler stops. Callable from
     * any thread.
     */
    Timer schedule(Duration delay, Runnable task);

    /**
     * Completes, on the handler's loop, with the reason when the handler is told to stop taking new work (a reload
     * replaced it, the broker shuts down): a script's {@code ctx.signal}.
     */
    CompletionStage<String> stopping();

    /**
     * Sends a datagram from the handler's UDP socket to a peer that sent it a screened datagram recently (a script's
     * {@code ctx.reply}); the payload belongs to the socket afterwards.
     *
     * @throws IllegalStateException    for a TCP handler
     * @throws IllegalArgumentException when {@code to} is not a recent peer or the reply cannot be sent; the message
     *                                  says which
     */
    void reply(byte[] payload, InetSocketAddress to);

    /**
     * Opens a TCP connection to {@code to}, which the handler's manifest must allow: an entry of its {@code connect}
     * list names the address (or a block holding it) and the port. The check is made before anything is sent; a
     * manifest without {@code connect} allows no outbound traffic. Counted and, when refused, logged by the broker, as
     * a script's {@code net.connect} is. The connection is the handler's until it closes or the handler stops (a
     * restart, or the end of a reload's drain once {@code close(ctx)} has run, closes it).
     *
     * <pre>{@code
     * ctx.connect(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.5"), 6379), new Conn.Listener() {
     *     public void onData(byte[] bytes) { client.write(bytes); }
     * }).thenAccept(upstream -> upstream.write(request));
     * }</pre>
     *
     * @param to       an IP address and port; an unresolved address (a host name) is refused, never looked up
     * @param listener the connection's events, from the moment it is made
     * @return completes on the handler's loop with the connection once it is made (before its first event), or
     *         exceptionally with an {@link OutboundException}: refused ({@code ERR_ACCESS_DENIED}, {@code EMFILE}) or
     *         failed ({@code ECONNREFUSED}, {@code ETIMEDOUT}, ...)
     */
    CompletionStage<Conn> connect(InetSocketAddress to, Conn.Listener listener);

    /** A task {@link #schedule} will run. */
    @FunctionalInterface
    interface Timer {
        /** Cancels the task if it has not run; harmless otherwise. */
        void cancel();
    }
}

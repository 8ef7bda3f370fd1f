package dev.porthoster.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A TCP handler: what a file {@code name.tcp.PORT.port.js} exports as {@code handle(conn, ctx)}, {@code open(ctx)} and
 * {@code close(ctx)}, as a Java contract. The broker screens each connection first and hands only what passed; every
 * method runs on the handler's own loop, one callback at a time, under the same watchdog as a script's.
 *
 * <pre>{@code
 * TcpHandler echo = (conn, ctx) -> new Conn.Listener() {
 *     public void onData(byte[] bytes) { conn.write(bytes); }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface TcpHandler {

    /** Runs once before the first connection; the port accepts nothing until it completes. */
    default CompletionStage<Void> open(Ctx ctx) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Takes a screened connection.
     *
     * @return where the connection's events go ({@link Conn.Listener#IGNORE} when the handler needs none)
     */
    Conn.Listener handle(Conn conn, Ctx ctx);

    /** Runs once when the handler stops serving (a reload replaced it, the broker shuts down). */
    default CompletionStage<Void> close(Ctx ctx) {
        return CompletableFuture.completedFuture(null);
    }
}

package dev.porthoster.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A UDP handler: what a file {@code name.udp.PORT.port.js} exports as {@code message(msg, rinfo, ctx)},
 * {@code open(ctx)} and {@code close(ctx)}, as a Java contract. Each screened datagram arrives whole; answer with
 * {@link Ctx#reply}. Every method runs on the handler's own loop.
 */
@FunctionalInterface
public interface UdpHandler {

    /** Runs once before the first datagram; datagrams are dropped until it completes. */
    default CompletionStage<Void> open(Ctx ctx) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Takes one screened datagram.
     *
     * @param message the payload, the handler's to keep
     * @param sender  where it came from and how big it was
     */
    void message(byte[] message, RemoteInfo sender, Ctx ctx);

    /** Runs once when the handler stops serving. */
    default CompletionStage<Void> close(Ctx ctx) {
        return CompletableFuture.completedFuture(null);
    }
}

package dev.porthoster.core.internal;

import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramReplies;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.core.internal.runtime.GatedOutbound;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A handler instance whose outbound connections and sockets are closed once it is: after its {@code close(ctx)} ran,
 * so a handler can still end its backend connections gracefully there, whichever engine (or Java) it runs on and
 * whichever path closes it (a reload's drain, removal, shutdown, a failed open).
 */
record ClosesOutbound(HandlerInstance instance, GatedOutbound outbound) implements HandlerInstance {

    @Override
    public CompletionStage<Void> open() {
        return instance.open();
    }

    @Override
    public ConnectionEvents accept(Connection connection) {
        return instance.accept(connection);
    }

    @Override
    public void message(Datagram datagram, DatagramReplies replies) {
        instance.message(datagram, replies);
    }

    @Override
    public void abort(String reason) {
        instance.abort(reason);
    }

    @Override
    public void restart(String reason) {
        instance.restart(reason);
    }

    @Override
    public CompletionStage<OptionalLong> measureHeap(long stopAtBytes) {
        return instance.measureHeap(stopAtBytes);
    }

    @Override
    public CompletionStage<Void> close() {
        return instance.close().whenComplete((v, e) -> outbound.close());
    }

    @Override
    public Set<Path> sources() {
        return instance.sources();
    }
}

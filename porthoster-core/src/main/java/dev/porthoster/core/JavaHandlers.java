package dev.porthoster.core;

import dev.porthoster.api.TcpHandler;
import dev.porthoster.api.UdpHandler;
import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.core.internal.JavaHandlerInstance;

/**
 * Java handlers as handler instances, served the way the broker serves a script: on the host's loop, with a
 * {@link dev.porthoster.api.Ctx} whose store, log and timers are a script's. The broker uses this for
 * {@link Broker.Builder#handler}; the testkit uses it to run a Java handler against fake connections.
 */
public final class JavaHandlers {

    private JavaHandlers() {
    }

    /** {@code handler} as an instance for {@code host}, whose spec must be TCP; call on {@code host.loop()}. */
    public static HandlerInstance instance(HandlerHost host, TcpHandler handler) {
        return new JavaHandlerInstance(host, () -> handler);
    }

    /** {@code handler} as an instance for {@code host}, whose spec must be UDP; call on {@code host.loop()}. */
    public static HandlerInstance instance(HandlerHost host, UdpHandler handler) {
        return new JavaHandlerInstance(host, () -> handler);
    }
}

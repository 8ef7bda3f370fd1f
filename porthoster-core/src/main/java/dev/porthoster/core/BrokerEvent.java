package dev.porthoster.core;

import dev.porthoster.api.PortSpec;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Something that happened in a broker, for an application that embeds it ({@link Broker.Builder#listener}). Events
 * are delivered in order on one thread of the broker's, never on a handler's loop, so a slow listener delays no
 * handler; when a listener falls more than {@link Broker.Builder#listener a few thousand events} behind, later events
 * are dropped and counted ({@link Broker#droppedEvents()}).
 */
public sealed interface BrokerEvent {

    /** A TCP connection passed screening and was handed to its handler. */
    record ConnectionAccepted(PortSpec spec, InetSocketAddress remote) implements BrokerEvent { }

    /**
     * A TCP connection was refused by screening and reset.
     *
     * @param reason the refusal's reason as {@link Broker#refusals()} counts it: {@code denied}, {@code not_allowed},
     *               {@code source_rate}, {@code global_rate}, {@code source_connections}, {@code connections}, ...
     */
    record ConnectionRefused(PortSpec spec, InetSocketAddress remote, String reason) implements BrokerEvent { }

    /** A handler's socket is bound and it takes traffic. */
    record HandlerServed(PortSpec spec, Path file, InetSocketAddress address) implements BrokerEvent { }

    /**
     * A file that asked for a port got none, or a new version of a serving handler failed to load (then the
     * previous version keeps serving).
     *
     * @param reason what is wrong, starting with the file name and line when known
     */
    record HandlerRefused(Path file, String reason) implements BrokerEvent { }

    /** A new version of a handler took over its port; open connections finish on the old one. */
    record HandlerReloaded(PortSpec spec, Path file) implements BrokerEvent { }

    /**
     * A handler stopped itself and restarts: the watchdog stopped a runaway callback, or it went over its memory
     * budget. Repeated restarts back off.
     */
    record HandlerRestarted(PortSpec spec, String reason) implements BrokerEvent { }

    /** A handler's port closed: its file is gone, or the broker shut down. */
    record HandlerStopped(PortSpec spec, Path file) implements BrokerEvent { }
}

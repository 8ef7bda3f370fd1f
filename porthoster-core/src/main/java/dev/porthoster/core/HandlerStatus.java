package dev.porthoster.core;

import dev.porthoster.api.PortSpec;
import dev.porthoster.core.plan.Plan;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What became of one file that asked for a port: served, or refused with the reason. */
public sealed interface HandlerStatus {

    /** The handler (or near-miss, or manifest) file. */
    Path file();

    /**
     * The handler is loaded and its socket is bound.
     *
     * @param file     the handler file
     * @param spec     what it serves
     * @param address  the bound address
     * @param restarts how often the serving version stopped itself (the watchdog, its memory budget) and restarted,
     *                 all copies together: the count is their sum, the last reason the latest of theirs, and a wait is
     *                 shown only while every copy waits (the port then resets every new connection)
     * @param copies   each copy of the handler serving (one, or the manifest's {@code instances}), in order
     * @param outbound the connections and datagrams the handler sent out through its manifest's {@code connect} list
     */
    record Serving(Path file, PortSpec spec, InetSocketAddress address, Restarts restarts, List<Copy> copies,
                   Outbound outbound) implements HandlerStatus {
        public Serving {
            Objects.requireNonNull(restarts, "restarts");
            Objects.requireNonNull(outbound, "outbound");
            copies = List.copyOf(copies);
        }

        /** How many copies serve: the manifest's {@code instances}. */
        public int instances() {
            return copies.size();
        }
    }

    /**
     * One copy of a handler ({@code instances: N} runs N, each isolated on a loop of its own).
     *
     * @param index       which copy, from 0: the copy's {@code ctx.instance}
     * @param connections the TCP connections open on it now (0 for UDP)
     * @param restarts    how often this copy stopped itself and restarted; copies restart and back off alone
     */
    record Copy(int index, int connections, Restarts restarts) { }

    /**
     * A handler's outbound traffic (its manifest's {@code connect} list), counted since its port opened, over every
     * version and every copy that served it.
     *
     * @param open        outbound TCP connections open or being opened now
     * @param connections outbound TCP connections started (made or not)
     * @param datagrams   UDP datagrams sent
     * @param refused     attempts refused before anything was sent, by reason: {@code not_listed} (the destination is
     *                    not in {@code connect}), {@code no_connect_list} (the manifest has none), {@code host_name}
     *                    (not an IP address), {@code connection_cap} (too many open); reasons never seen left out
     */
    record Outbound(int open, long connections, long datagrams, Map<String, Long> refused) {
        /** Nothing sent, nothing refused. */
        public static final Outbound NONE = new Outbound(0, 0, 0, Map.of());

        public Outbound {
            refused = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(refused));
        }
    }

    /**
     * Restarts of the serving version of a handler. Repeated restarts back off exponentially (1 s, 2 s, 4 s, ... up
     * to 60 s); during a wait the port resets new connections and drops datagrams.
     *
     * @param count      restarts since this version was loaded
     * @param lastReason why it last stopped, if it ever did
     * @param waiting    the time left before it boots again, while it is backing off
     */
    record Restarts(int count, Optional<String> lastReason, Optional<Duration> waiting) {
        /** Never restarted. */
        public static final Restarts NONE = new Restarts(0, Optional.empty(), Optional.empty());
    }

    /**
     * This file opens nothing, or its new version was refused and the previous one keeps serving.
     *
     * @param file    the file that asked for a port (a handler, a near-miss name or a manifest)
     * @param refusal why, as data: the file and line at fault (a module the handler imports, say), the reason, and
     *                the consequence ({@link Plan.Consequence})
     */
    record Refused(Path file, Plan.Refusal refusal) implements HandlerStatus {
        public Refused {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(refusal, "refusal");
        }

        /**
         * The refusal as one line, starting with the file name and line when known:
         * {@code svc.tcp.7000.port.js:2: SyntaxError: ...; the previous version keeps serving}.
         */
        public String reason() {
            return refusal.message();
        }
    }
}

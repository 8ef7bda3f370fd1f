package dev.porthoster.core;

import dev.porthoster.api.PortSpec;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** What became of one file that asked for a port: served, or refused with the reason. */
public sealed interface HandlerStatus {

    /** The handler (or near-miss, or manifest) file. */
    Path file();

    /**
     * The handler is loaded and its socket is bound.
     *
     * @param file    the handler file
     * @param spec    what it serves
     * @param address the bound address
     */
    record Serving(Path file, PortSpec spec, InetSocketAddress address) implements HandlerStatus { }

    /**
     * Nothing was opened for this file.
     *
     * @param file   the file at fault
     * @param reason what is wrong, starting with the file name and line when known
     */
    record Refused(Path file, String reason) implements HandlerStatus { }
}

package dev.porthoster.api;

import java.util.Objects;

/**
 * What an entry point's file name declares: {@code <name>.<protocol>.<port>.port.js}.
 *
 * @param name     the handler's name: letters, digits, {@code -} and {@code _}, not starting with {@code _}
 * @param protocol the protocol served
 * @param port     the port, 1–65535
 */
public record PortSpec(String name, Protocol protocol, int port) {

    public PortSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1–65535");
        }
    }

    /** The entry point's file name, e.g. {@code echo.tcp.7000.port.js}. */
    public String handlerFileName() {
        return name + "." + protocol.token() + "." + port + ".port.js";
    }

    /** The access manifest's file name, e.g. {@code echo.tcp.7000.port.json}. */
    public String manifestFileName() {
        return name + "." + protocol.token() + "." + port + ".port.json";
    }

    /** The socket this entry point claims, e.g. {@code tcp/7000}. */
    public String socketKey() {
        return protocol.token() + "/" + port;
    }

    @Override
    public String toString() {
        return handlerFileName();
    }
}

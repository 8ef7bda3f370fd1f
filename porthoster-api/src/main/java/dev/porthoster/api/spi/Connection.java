package dev.porthoster.api.spi;

import dev.porthoster.api.Conn;

/**
 * The transport side of one screened TCP connection: the {@link Conn} a handler gets, as the transport implements it.
 * Driven from the connection's loop.
 */
public interface Connection extends Conn {
}

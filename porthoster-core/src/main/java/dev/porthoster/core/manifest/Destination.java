package dev.porthoster.core.manifest;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of a manifest's {@code connect} list: where a handler may open TCP connections and send UDP datagrams. An
 * address or block and one port: {@code "10.0.0.5:6379"}, {@code "[::1]:53"}, {@code "192.0.2.0/24:443"},
 * {@code "[2001:db8::/32]:53"}. IPv6 goes in brackets (with its prefix inside them). An IPv4 entry also matches the
 * IPv4-mapped IPv6 form of its addresses, as allow and deny blocks do.
 *
 * <p>Deliberately not accepted: host names (a name would be looked up on the handler's loop, and a list by name holds
 * only as long as DNS answers what you expect), port ranges and {@code *} (each entry says exactly which service the
 * handler talks to; a range would let a handler probe every port of a block).
 *
 * @param block the addresses
 * @param port  the one port, 1–65535
 */
public record Destination(Cidr block, int port) {

    /** The accepted forms, for error messages. */
    public static final String FORM = "\"ADDRESS:PORT\" such as \"10.0.0.5:6379\", \"[::1]:53\" or \"192.0.2.0/24:443\"";

    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9.-]*[A-Za-z][A-Za-z0-9.-]*");
    private static final int MAX_LENGTH = 100;

    public Destination {
        Objects.requireNonNull(block, "block");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1–65535");
        }
    }

    /** The entry {@code text} spells, or empty when it is not one; see {@link #problem(String)}. */
    public static Optional<Destination> parse(String text) {
        if (problem(text).isPresent()) {
            return Optional.empty();
        }
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return Optional.of(new Destination(Cidr.parse(host).orElseThrow(), Integer.parseInt(text.substring(colon + 1))));
    }

    /** Why {@code text} is not a connect entry, or empty when it is one. */
    public static Optional<String> problem(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.of("expected " + FORM + ", got \"" + shown(text) + "\"");
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                return Optional.of("\"" + text + "\": an IPv6 entry is \"[ADDRESS]:PORT\" such as \"[::1]:53\" or "
                        + "\"[2001:db8::/32]:53\"");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
            if (!host.contains(":")) {
                return Optional.of("\"" + text + "\": brackets are for IPv6 addresses; write an IPv4 entry without "
                        + "them, such as \"" + host + ":" + port + "\"");
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                return Optional.of("\"" + text + "\" has no port; expected " + FORM);
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.contains(":")) {
                return Optional.of("\"" + text + "\": put an IPv6 address in brackets, as in \"[::1]:53\", so its "
                        + "last colon is not read as the port's");
            }
            if (NAME.matcher(host).matches()) {
                return Optional.of("\"" + text + "\" names a host; connect takes IP addresses and blocks, never host "
                        + "names (a name would be looked up on the handler's event loop, and a list by name holds only "
                        + "as long as DNS answers what you expect): write the address, such as \"127.0.0.1:" + port
                        + "\"");
            }
        }
        if (port.equals("*") || port.contains("-") || port.contains(",")) {
            return Optional.of("\"" + text + "\": a port must be one number from 1 to 65535; ranges and * are not "
                    + "allowed, list each port the handler talks to");
        }
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
            return Optional.of("\"" + text + "\" has port '" + port + "'; expected a number from 1 to 65535 without "
                    + "leading zeros");
        }
        Optional<String> block = Cidr.problem(host);
        return block.map(p -> "\"" + text + "\": " + p);
    }

    /** Whether {@code address:port} is this entry's (an IPv4-mapped IPv6 address counts as its IPv4 address). */
    public boolean matches(InetAddress address, int port) {
        return this.port == port && block.contains(address);
    }

    /** The entry as a manifest writes it: {@code 10.0.0.5:6379}, {@code 192.0.2.0/24:443}, {@code [::1]:53}. */
    @Override
    public String toString() {
        boolean single = block.prefix() == block.network().getAddress().length * 8;
        String host = single ? dev.porthoster.api.spi.Addresses.text(block.network()) : block.toString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String shown(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}

package dev.porthoster.netty.internal;

import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** What a decoded PROXY header says about the client, by the spec's rules. */
final class ProxyHeaders {

    private ProxyHeaders() {
    }

    /** The client a header names, or the proxy itself, or a refusal. */
    sealed interface Client {
        /** A TCP client over IPv4 or IPv6: screening and the handler see it. */
        record Named(InetSocketAddress address) implements Client { }

        /**
         * The connection stands for the proxy itself: a v2 {@code LOCAL} command (the proxy's own health check), a v1
         * {@code UNKNOWN} or v2 {@code UNSPEC} family, or a Unix socket client. The spec says to use the connection's
         * real endpoints then, so it is screened as coming from the proxy.
         */
        record Proxy() implements Client { }

        /** A header that cannot describe a TCP connection. */
        record Refused(String why) implements Client { }
    }

    static Client client(HAProxyMessage header) {
        if (header.command() == HAProxyCommand.LOCAL) {
            return new Client.Proxy();
        }
        return switch (header.proxiedProtocol()) {
            case TCP4, TCP6 -> {
                // Netty has checked the address text; this parses a literal, it never asks DNS.
                byte[] raw = NetUtil.createByteArrayFromIpAddressString(header.sourceAddress());
                if (raw == null) {
                    yield new Client.Refused("the source address is not an IP address");
                }
                try {
                    yield new Client.Named(new InetSocketAddress(InetAddress.getByAddress(raw), header.sourcePort()));
                } catch (java.net.UnknownHostException e) {
                    yield new Client.Refused("the source address is not an IP address");
                }
            }
            case UDP4, UDP6 -> new Client.Refused("it describes a UDP datagram, not a TCP connection");
            case UNKNOWN, UNIX_STREAM, UNIX_DGRAM -> new Client.Proxy();
        };
    }
}

package dev.porthoster.core.internal.runtime;

import dev.porthoster.api.OutboundException;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramSender;
import dev.porthoster.api.spi.Dialer;
import dev.porthoster.api.spi.Outbound;
import dev.porthoster.api.spi.Transport;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One handler instance's UDP socket for datagrams to its {@code connect} destinations: an ephemeral port per address
 * family, opened on the first send to that family. Only what comes back from an address and port it sent to within the
 * last minute is handed to the handler, so a socket that sent one query cannot be used to inject datagrams from
 * anywhere else; the rest is dropped before its payload is copied. Used on the port's loop only.
 */
final class GatedDatagrams implements Outbound.Datagrams, Transport.DatagramReceiver {

    private final GatedOutbound owner;
    private final Consumer<Datagram> listener;
    private final RecentPeers sentTo = new RecentPeers(OutboundGate.REPLY_WINDOW_MILLIS, OutboundGate.REPLY_PEERS);
    private Dialer.DatagramEndpoint v4;
    private Dialer.DatagramEndpoint v6;
    private boolean closed;

    GatedDatagrams(GatedOutbound owner, Consumer<Datagram> listener) {
        this.owner = owner;
        this.listener = listener;
    }

    @Override
    public Optional<OutboundException> send(byte[] payload, String address, int port) {
        if (closed) {
            return Optional.of(new OutboundException("ERR_SOCKET_DGRAM_NOT_RUNNING", "Not running"));
        }
        OutboundGate gate = owner.gate();
        OutboundGate.Verdict verdict = gate.check(owner.rules(), address, port, "send", -1);
        if (verdict instanceof OutboundGate.Verdict.Refused refused) {
            return Optional.of(refused.why());
        }
        InetSocketAddress to = ((OutboundGate.Verdict.Allowed) verdict).to();
        sentTo.heard(to, gate.loop().nowMillis());
        endpoint(to.getAddress() instanceof Inet6Address).send(payload, to);
        gate.sent();
        return Optional.empty();
    }

    private Dialer.DatagramEndpoint endpoint(boolean ipv6) {
        OutboundGate gate = owner.gate();
        if (ipv6) {
            if (v6 == null) {
                v6 = gate.dialer().openUdp(true, gate.loop(), this);
            }
            return v6;
        }
        if (v4 == null) {
            v4 = gate.dialer().openUdp(false, gate.loop(), this);
        }
        return v4;
    }

    @Override
    public boolean admit(InetSocketAddress sender) {
        return !closed && sentTo.recent(sender.getAddress(), sender.getPort(), owner.gate().loop().nowMillis())
                .isPresent();
    }

    @Override
    public void receive(Datagram datagram, DatagramSender replies) {
        if (!closed) {
            listener.accept(datagram);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (v4 != null) {
            v4.close();
        }
        if (v6 != null) {
            v6.close();
        }
        owner.forget(this);
    }
}

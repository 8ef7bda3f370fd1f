package dev.porthoster.netty.internal;

import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramSender;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A UDP port served on one or more loops (the copies of a handler).
 *
 * <p>With native epoll, a socket per loop, every one bound to the port with {@code SO_REUSEPORT}: the kernel spreads
 * datagrams over them by a hash of their source and destination, so the datagrams of one source address and port
 * reach one socket, in order, and a reply leaves from the socket its request came in on. Every socket of a port has
 * the option, the first too, so that copies can be added later without closing the port. So that a port someone else
 * holds (another program, a second broker on the same folder) is still refused rather than shared, the first socket
 * binds only after a probe without the option found the port free (NIO's socket too: it sets {@code SO_REUSEADDR},
 * with which Linux lets two UDP sockets share a port).
 *
 * <p>With NIO, one socket, on the first loop: it reads and screens every datagram and hands each admitted one to the
 * loop its source hashes to (a thread hop; replies go back to the socket's loop to be sent). NIO's portable
 * {@code SO_REUSEPORT} does not balance on every system (BSD and macOS give all datagrams to one socket).
 */
final class UdpPort implements Transport.UdpListener {

    private record Member(EventLoop loop, Channel channel) { }

    private final boolean epoll;
    private final ChannelGroup channels;
    private final Function<EventLoop, io.netty.channel.EventLoop> netty;
    private final Transport.DatagramReceiver receiver;
    /** The loops datagrams are spread over; the NIO socket's hand-over reads it on every datagram. */
    private volatile List<EventLoop> loops;
    /** Epoll: a socket per loop; NIO: the one socket, on the first loop. Changed under this object's lock. */
    private final List<Member> members = new ArrayList<>();
    private volatile InetSocketAddress bound;

    private UdpPort(boolean epoll, ChannelGroup channels, Function<EventLoop, io.netty.channel.EventLoop> netty,
                    Transport.DatagramReceiver receiver, List<? extends EventLoop> loops) {
        this.epoll = epoll;
        this.channels = channels;
        this.netty = netty;
        this.receiver = receiver;
        this.loops = List.copyOf(loops);
    }

    static UdpPort bind(InetSocketAddress address, List<? extends EventLoop> loops, Transport.DatagramReceiver receiver,
                        boolean epoll, ChannelGroup channels, Function<EventLoop, io.netty.channel.EventLoop> netty)
            throws IOException {
        if (loops.isEmpty()) {
            throw new IllegalArgumentException("a UDP port needs at least one loop");
        }
        UdpPort port = new UdpPort(epoll, channels, netty, receiver, loops);
        if (address.getPort() != 0) {
            probe(address);
        }
        Channel first = port.open(loops.getFirst(), address);
        port.members.add(new Member(loops.getFirst(), first));
        port.bound = (InetSocketAddress) first.localAddress();
        if (epoll) {
            try {
                for (EventLoop loop : loops.subList(1, loops.size())) {
                    port.members.add(new Member(loop, port.open(loop, port.bound)));
                }
            } catch (IOException e) {
                port.close();
                throw e;
            }
        }
        return port;
    }

    /** Fails as a plain bind would when anything holds the port, with or without {@code SO_REUSEPORT}. */
    private static void probe(InetSocketAddress address) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(null)) {
            probe.setReuseAddress(false);
            probe.bind(address);
        } catch (BindException e) {
            throw new IOException("cannot bind udp " + NettyTransport.text(address) + ": " + e.getMessage(), e);
        }
    }

    private Channel open(EventLoop loop, InetSocketAddress address) throws IOException {
        Bootstrap b = UdpSocket.configure(new Bootstrap(), epoll)
                .group(netty.apply(loop))
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new UdpSocket(epoll ? receiver : new Hashed(), epoll));
        if (epoll) {
            b.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        Channel channel = NettyTransport.awaitBound(b.bind(address), "udp", address);
        channels.add(channel);
        return channel;
    }

    @Override
    public InetSocketAddress localAddress() {
        return bound;
    }

    @Override
    public synchronized void spread(List<? extends EventLoop> next) throws IOException {
        if (next.isEmpty() || next.getFirst() != members.getFirst().loop()) {
            throw new IllegalArgumentException("the loops of a UDP port must keep the one it was bound on first");
        }
        if (!epoll) {
            loops = List.copyOf(next);
            return;
        }
        List<Member> opened = new ArrayList<>();
        try {
            for (EventLoop loop : next) {
                if (find(loop) == null) {
                    opened.add(new Member(loop, open(loop, bound)));
                }
            }
        } catch (IOException e) {
            opened.forEach(m -> m.channel().close().awaitUninterruptibly());
            throw e;
        }
        List<Member> kept = new ArrayList<>();
        for (EventLoop loop : next) {
            Member m = find(loop);
            kept.add(m != null ? m : opened.stream().filter(o -> o.loop() == loop).findFirst().orElseThrow());
        }
        for (Member m : members) {
            if (!kept.contains(m)) {
                m.channel().close().awaitUninterruptibly();
            }
        }
        members.clear();
        members.addAll(kept);
        loops = List.copyOf(next);
    }

    private Member find(EventLoop loop) {
        for (Member m : members) {
            if (m.loop() == loop) {
                return m;
            }
        }
        return null;
    }

    @Override
    public synchronized void close() {
        for (Member m : members) {
            m.channel().close().awaitUninterruptibly();
        }
    }

    /** How many sockets the port has (for tests): one per loop on epoll, one on NIO. */
    synchronized int sockets() {
        return members.size();
    }

    /** The loop a datagram from {@code sender} goes to, out of {@code n}: the same for a source while n stays. */
    static int index(InetSocketAddress sender, int n) {
        int h = sender.hashCode() * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), n);
    }

    /** NIO's one socket: screens on its own loop, hands each admitted datagram to the loop its source hashes to. */
    private final class Hashed implements Transport.DatagramReceiver {
        @Override
        public boolean admit(InetSocketAddress sender) {
            return receiver.admit(sender);
        }

        @Override
        public void receive(Datagram datagram, DatagramSender replies) {
            List<EventLoop> to = loops;
            EventLoop loop = to.size() == 1 ? to.getFirst() : to.get(index(datagram.sender(), to.size()));
            if (loop.inEventLoop()) {
                receiver.receive(datagram, replies);
            } else {
                loop.execute(() -> receiver.receive(datagram, replies));
            }
        }

        @Override
        public void endOfBatch(int count, boolean more) {
            receiver.endOfBatch(count, more);
        }
    }
}

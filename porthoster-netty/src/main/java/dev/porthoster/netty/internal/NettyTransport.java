package dev.porthoster.netty.internal;

import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One boss loop accepts for every TCP port; accepted channels are registered on the loop the port's spread picks
 * ({@link SpreadGroup}), which is the loop a copy of its handler lives on, so every event of a connection reaches the
 * handler without a thread hop. Every loop is a one-thread group of its own ({@link #newLoop}), so a busy handler
 * holds only its own thread. A UDP port has a socket per loop on epoll ({@link UdpPort}).
 */
public final class NettyTransport implements Transport {

    /** Output queued above this makes {@code write} return false; below the low mark {@code drain} fires. */
    static final int LOW_WATER_MARK = 32 * 1024;
    static final int HIGH_WATER_MARK = 64 * 1024;

    private static final System.Logger LOG = System.getLogger("dev.porthoster.netty");

    private final boolean epoll;
    private final IoHandlerFactory factory;
    private final EventLoopGroup boss;
    private final Set<LoopAdapter> loops = ConcurrentHashMap.newKeySet();
    private final ChannelGroup channels = new DefaultChannelGroup("porthoster", GlobalEventExecutor.INSTANCE);

    public NettyTransport() {
        this(Epoll.isAvailable());
    }

    /** With {@code epoll} false, NIO even where epoll is available (tests of the fallback). */
    NettyTransport(boolean epoll) {
        this.epoll = epoll;
        this.factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("porthoster-accept", true), factory);
        LOG.log(System.Logger.Level.DEBUG, "netty transport: {0}", epoll ? "epoll" : "nio");
        if (!epoll && !Epoll.isAvailable() && System.getProperty("os.name", "").startsWith("Linux")) {
            // NIO reads one datagram per system call; on the module path the native module must be resolved.
            LOG.log(System.Logger.Level.INFO, "netty transport: native epoll is unavailable (" + Epoll.unavailabilityCause()
                    + "); using NIO. On the module path add --add-modules ALL-MODULE-PATH, as ./porthoster does");
        }
    }

    @Override
    public Transport.Loop newLoop(String name) {
        LoopAdapter loop = new LoopAdapter(new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("porthoster-" + name, true), factory));
        loops.add(loop);
        loop.group().terminationFuture().addListener(f -> loops.remove(loop));
        return loop;
    }

    static io.netty.channel.EventLoop netty(EventLoop loop) {
        if (loop instanceof LoopAdapter a) {
            return a.netty();
        }
        throw new IllegalArgumentException("not a loop of this transport: " + loop);
    }

    @Override
    public Listener bindTcp(InetSocketAddress address, Spread spread, TcpAcceptor acceptor) throws IOException {
        TlsContexts tlsContexts = new TlsContexts();
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, new SpreadGroup(spread, NettyTransport::netty))
                .channel(type)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline().addLast("connection", new TcpConnection(ch, acceptor, tlsContexts));
                    }
                });
        return bind(b.bind(address), "tcp", address);
    }

    @Override
    public UdpListener bindUdp(InetSocketAddress address, List<? extends EventLoop> loops, DatagramReceiver receiver)
            throws IOException {
        return UdpPort.bind(address, loops, receiver, epoll, channels, NettyTransport::netty);
    }

    /**
     * On the handler's loop, as an accepted connection is, with the same options (half-closure, no delay, water marks);
     * the connection is a {@link TcpConnection} whose "acceptor" is the connector.
     */
    @Override
    public EventLoop.Cancellable connectTcp(InetSocketAddress remote, EventLoop loop, Duration timeout,
                                            Connector connector) {
        Bootstrap b = new Bootstrap()
                .group(netty(loop))
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline().addLast(new TcpConnection(ch, connector::connected));
                    }
                });
        boolean[] cancelled = new boolean[1];
        ChannelFuture connecting = b.connect(remote);
        connecting.addListener(done -> {
            if (!done.isSuccess() && !cancelled[0]) {
                connector.failed(ConnectErrors.of(done.cause(), remote));
            }
        });
        return () -> {
            cancelled[0] = true;
            connecting.channel().close();
        };
    }

    /**
     * Bound to an ephemeral port of the family's wildcard address, on the handler's loop, read as a listening UDP
     * socket is ({@link UdpSocket}: whole datagrams, in batches, each admitted before it is copied). The bind completes
     * later; what is sent before waits for it, in order.
     */
    @Override
    public DatagramEndpoint openUdp(boolean ipv6, EventLoop loop, DatagramReceiver receiver) {
        SocketProtocolFamily family = ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        UdpSocket socket = new UdpSocket(receiver, epoll);
        Bootstrap b = UdpSocket.configure(new Bootstrap(), epoll)
                .group(netty(loop))
                .channelFactory(() -> epoll ? new EpollDatagramChannel(family) : new NioDatagramChannel(family))
                .handler(socket);
        InetSocketAddress wildcard;
        try {
            wildcard = new InetSocketAddress(InetAddress.getByAddress(new byte[ipv6 ? 16 : 4]), 0);
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
        ChannelFuture bound = b.bind(wildcard);
        channels.add(bound.channel());
        bound.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.log(System.Logger.Level.WARNING, "cannot open an outbound udp socket on " + wildcard + ": "
                        + done.cause() + "; datagrams sent from it are dropped");
            }
        });
        return new DatagramEndpoint() {
            @Override
            public void send(byte[] payload, InetSocketAddress recipient) {
                if (bound.isDone()) {
                    if (bound.isSuccess()) {
                        socket.sender().send(payload, recipient);
                    }
                } else {
                    bound.addListener(done -> {
                        if (done.isSuccess()) {
                            socket.sender().send(payload, recipient);
                        }
                    });
                }
            }

            @Override
            public void close() {
                bound.channel().close();
            }
        };
    }

    /** Waits for a bind; the bound channel, or why it failed, naming the protocol and address. */
    static Channel awaitBound(ChannelFuture future, String protocol, InetSocketAddress address) throws IOException {
        future.awaitUninterruptibly();
        if (!future.isSuccess()) {
            Throwable cause = future.cause();
            String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            if (why.startsWith("bind(..) failed: ")) {
                why = why.substring("bind(..) failed: ".length());
            }
            throw new IOException("cannot bind " + protocol + " " + text(address) + ": " + why, cause);
        }
        return future.channel();
    }

    private Listener bind(ChannelFuture future, String protocol, InetSocketAddress address) throws IOException {
        Channel channel = awaitBound(future, protocol, address);
        channels.add(channel);
        return new Listener() {
            @Override
            public InetSocketAddress localAddress() {
                return (InetSocketAddress) channel.localAddress();
            }

            @Override
            public void close() {
                channel.close().awaitUninterruptibly();
            }
        };
    }

    static String text(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public void close() {
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        List<LoopAdapter> running = List.copyOf(loops);
        running.forEach(LoopAdapter::close);
        boss.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        running.forEach(l -> l.group().terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS));
    }
}

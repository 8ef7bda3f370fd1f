import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.File;
import java.util.List;

/**
 * A Netty TLS server configured as porthoster's transport configures one (dev.porthoster.netty.internal.TlsContexts:
 * TLS 1.3/1.2, the same suites, one event loop thread as one handler has), with the provider to compare: jdk or
 * openssl (netty-tcnative-boringssl-static). Reads and discards; prints each connection's plaintext rate when it
 * closes after more than 64 MiB.
 *   java -cp NETTY_JARS TlsServer.java PROVIDER PORT CERT KEY
 */
public class TlsServer {
    public static void main(String[] args) throws Exception {
        SslProvider provider = args[0].equals("openssl") ? SslProvider.OPENSSL : SslProvider.JDK;
        SslContext ctx = SslContextBuilder.forServer(new File(args[2]), new File(args[3])).sslProvider(provider)
                .protocols("TLSv1.3", "TLSv1.2")
                .ciphers(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
                        SupportedCipherSuiteFilter.INSTANCE)
                .build();
        var group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childOption(io.netty.channel.ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(ctx.newHandler(ch.alloc()), new ChannelInboundHandlerAdapter() {
                            long bytes;
                            long first;

                            @Override
                            public void channelRead(ChannelHandlerContext c, Object msg) {
                                if (first == 0) {
                                    first = System.nanoTime();
                                }
                                bytes += ((ByteBuf) msg).readableBytes();
                                ((ByteBuf) msg).release();
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext c) {
                                if (bytes > (64 << 20)) {
                                    double secs = (System.nanoTime() - first) / 1e9;
                                    System.out.printf("throughput %.0f MB/s%n", bytes / secs / 1e6);
                                }
                            }
                        });
                    }
                }).bind(Integer.parseInt(args[1])).sync();
        System.out.println("listening " + args[0]);
    }
}

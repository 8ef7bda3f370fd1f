package dev.porthoster.netty.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.EdgeRefusal;
import dev.porthoster.api.spi.TcpEdge;
import dev.porthoster.api.spi.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The PROXY stage of a connection's pipeline on an embedded channel, byte by byte: nothing reaches screening before
 * the header is whole, screening sees the client it names, the bytes after it reach the handler, and every way a
 * header can be wrong is refused by reason before screening. The peer is 127.0.0.1:40000.
 */
class ProxyEdgeTest {

    /** An acceptor trusting {@code trusted} that records what it was asked. */
    private static final class Acceptor implements Transport.TcpAcceptor {
        final boolean trusted;
        final List<InetSocketAddress> screened = new ArrayList<>();
        final List<String> refused = new ArrayList<>();
        final List<String> data = new ArrayList<>();

        Acceptor(boolean trusted) {
            this.trusted = trusted;
        }

        @Override
        public TcpEdge edge() {
            return new TcpEdge(Optional.of(new TcpEdge.Proxy(a -> trusted, Duration.ofSeconds(5))), Optional.empty());
        }

        @Override
        public ConnectionEvents accept(Connection connection) {
            screened.add(connection.remoteAddress());
            return new ConnectionEvents() {
                @Override public void onData(byte[] bytes) { data.add(new String(bytes, US_ASCII)); }
                @Override public void onEnd() { }
                @Override public void onDrain() { }
                @Override public void onError(Throwable error) { }
                @Override public void onClose() { }
            };
        }

        @Override
        public void refused(InetSocketAddress source, EdgeRefusal reason, String detail) {
            refused.add(reason.name());
        }
    }

    private EmbeddedSocketChannel ch;

    @AfterEach
    void release() {
        if (ch != null) {
            ch.release();
        }
    }

    private Acceptor open(boolean trusted) throws Exception {
        Acceptor a = new Acceptor(trusted);
        ch = new EmbeddedSocketChannel(a);
        return a;
    }

    @Test
    void aHeaderSplitAcrossReadsIsScreenedOnceWholeByTheClientItNames() throws Exception {
        Acceptor a = open(true);
        ch.peerSends("PRO".getBytes(US_ASCII));
        ch.peerSends("XY TCP4 203.0.113.9 127.0.0.1 5555 7000\r".getBytes(US_ASCII));
        assertEquals(List.of(), a.screened, "nothing is screened before the header is whole");
        ch.peerSends("\nhello".getBytes(US_ASCII));
        assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("203.0.113.9"), 5555)), a.screened);
        assertEquals(List.of("hello"), a.data, "the bytes after the header reach the handler");
        ch.peerSends("more".getBytes(US_ASCII));
        assertEquals(List.of("hello", "more"), a.data);
        assertEquals(List.of(TcpConnection.class), ch.pipeline().toMap().values().stream().map(Object::getClass)
                .toList(), "the header readers have left the pipeline");
    }

    @Test
    void anUntrustedSourceIsRefusedBeforeAByteIsRead() throws Exception {
        Acceptor a = open(false);
        assertEquals(List.of("PROXY_UNTRUSTED"), a.refused);
        assertFalse(ch.isOpen());
        assertEquals(List.of(), a.screened);
    }

    @Test
    void somethingElseThanAHeaderIsMissing() throws Exception {
        Acceptor a = open(true);
        ch.peerSends("GET / HTTP/1.1\r\n".getBytes(US_ASCII));
        assertEquals(List.of("PROXY_MISSING"), a.refused);
        assertFalse(ch.isOpen());
        assertEquals(List.of(), a.screened);
    }

    @Test
    void aBrokenOrOverlongV1HeaderIsMalformed() throws Exception {
        Acceptor a = open(true);
        ch.peerSends("PROXY TCP4 1.2.3.4.5 127.0.0.1 1 2\r\n".getBytes(US_ASCII));
        assertEquals(List.of("PROXY_MALFORMED"), a.refused);
        Acceptor b = open(true);
        ch.peerSends(("PROXY TCP4 " + "9".repeat(120)).getBytes(US_ASCII));
        assertEquals(List.of("PROXY_MALFORMED"), b.refused, "a v1 header longer than 107 bytes is never read further");
    }

    @Test
    void aHeaderThatDoesNotComeInTimeIsCut() throws Exception {
        Acceptor a = open(true);
        ch.freezeTime();
        ch.peerSends("PROXY TCP4 ".getBytes(US_ASCII));
        ch.advanceTimeBy(4, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen());
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertEquals(List.of("PROXY_TIMEOUT"), a.refused);
        assertFalse(ch.isOpen());
    }

    @Test
    void aProxyThatClosesBeforeItsHeaderIsCountedAsMissing() throws Exception {
        Acceptor a = open(true);
        ch.peerSends("PROXY".getBytes(US_ASCII));
        ch.close();
        assertEquals(List.of("PROXY_MISSING"), a.refused);
    }
}

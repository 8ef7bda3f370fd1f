package dev.porthoster.netty.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a handler sees of one TCP connection, on an embedded channel whose peer the test drives: the events and
 * their order, half-close both ways, backpressure and what unsent output is counted.
 */
class TcpConnectionTest {

    /** Every event as a word, in the order it arrived. */
    private static class Recorder implements ConnectionEvents {
        final List<String> events = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void onData(byte[] bytes) {
            events.add("data " + new String(bytes, UTF_8));
        }

        @Override
        public void onEnd() {
            events.add("end");
        }

        @Override
        public void onDrain() {
            events.add("drain");
        }

        @Override
        public void onError(Throwable error) {
            errors.add(error);
            events.add("error " + error.getMessage());
        }

        @Override
        public void onClose() {
            events.add("close");
        }
    }

    private final Recorder recorder = new Recorder();
    private EmbeddedSocketChannel ch;
    private Connection conn;

    private void accept(ConnectionEvents events) throws Exception {
        ch = new EmbeddedSocketChannel(c -> events);
        conn = ch.connection();
    }

    private void accept() throws Exception {
        accept(recorder);
    }

    @AfterEach
    void releaseWhatIsLeft() {
        if (ch != null) {
            ch.release();
        }
    }

    private String sent() {
        StringBuilder b = new StringBuilder();
        for (ByteBuf buf; (buf = ch.readOutbound()) != null; ) {
            b.append(buf.toString(UTF_8));
            buf.release();
        }
        return b.toString();
    }

    @Test
    void theAcceptorSeesTheConnectionWithItsPeerAndPort() throws Exception {
        List<Connection> seen = new ArrayList<>();
        ch = new EmbeddedSocketChannel(c -> {
            seen.add(c);
            return recorder;
        });
        assertEquals(List.of(ch.connection()), seen);
        assertEquals(EmbeddedSocketChannel.PEER, seen.get(0).remoteAddress());
        assertEquals(7000, seen.get(0).localPort());
        assertEquals(7000, seen.get(0).localAddress().getPort());
    }

    @Test
    void bytesArriveInOrderAndTheNettyBufferIsReleased() throws Exception {
        accept();
        ByteBuf first = io.netty.buffer.Unpooled.copiedBuffer("GET ", UTF_8);
        ch.writeInbound(first);
        ch.peerSends("/ HTTP/1.0".getBytes(UTF_8));
        assertEquals(List.of("data GET ", "data / HTTP/1.0"), recorder.events);
        assertEquals(0, first.refCnt());
    }

    @Test
    void aPeerThatHalfClosesIsReportedOnceAndCanStillBeWrittenTo() throws Exception {
        accept();
        ch.peerSends("bye".getBytes(UTF_8));
        ch.peerEnds();
        ch.peerEnds();
        assertEquals(List.of("data bye", "end"), recorder.events);
        assertTrue(ch.isOpen(), "half-closed, not closed");
        assertTrue(conn.write("still here".getBytes(UTF_8)));
        assertEquals("still here", sent());
        conn.end();
        ch.runPendingTasks();
        assertFalse(ch.isOpen(), "both sides ended: closed");
        assertEquals(List.of("data bye", "end", "close"), recorder.events);
    }

    @Test
    void endingFirstSendsFinAndKeepsReadingUntilThePeerEndsToo() throws Exception {
        accept();
        conn.write("done".getBytes(UTF_8));
        conn.end();
        ch.runPendingTasks();
        assertEquals("done", sent());
        assertTrue(ch.isOutputShutdown(), "FIN sent after the queued output");
        assertTrue(ch.isOpen());
        assertFalse(conn.write("late".getBytes(UTF_8)), "nothing is written after end()");
        ch.peerSends("ok".getBytes(UTF_8));
        ch.peerEnds();
        assertFalse(ch.isOpen());
        assertEquals(List.of("data ok", "end", "close"), recorder.events);
    }

    @Test
    void aWriteOverTheHighWaterMarkReturnsFalseAndDrainFollowsWhenThePeerCatchesUp() throws Exception {
        accept();
        ch.peerStopsReading();
        assertTrue(conn.write(new byte[NettyTransport.HIGH_WATER_MARK / 2]), "below the high mark");
        assertFalse(conn.write(new byte[NettyTransport.HIGH_WATER_MARK / 2 + 1]), "past the high mark");
        assertFalse(conn.isWritable());
        assertEquals(List.of(), recorder.events, "no drain while the output waits");
        ch.peerReads();
        assertTrue(conn.isWritable());
        assertEquals(List.of("drain"), recorder.events);
    }

    @Test
    void unsentBytesCountWhatThePeerHasNotTakenOnBothSidesOfTheHighWaterMark() throws Exception {
        accept();
        ch.peerStopsReading();
        assertEquals(0, conn.unsentBytes(), "nothing written yet");
        conn.write(new byte[1000]);
        long below = conn.unsentBytes();
        assertTrue(below >= 1000 && below < 1000 + 256, "1000 bytes queued, counted as " + below);
        conn.write(new byte[NettyTransport.HIGH_WATER_MARK]);
        long above = conn.unsentBytes();
        long queued = 1000 + NettyTransport.HIGH_WATER_MARK;
        assertTrue(above >= queued && above < queued + 512, queued + " bytes queued, counted as " + above);
        ch.peerReads();
        assertEquals(0, conn.unsentBytes());
        conn.destroy();
        assertEquals(0, conn.unsentBytes(), "a closed connection holds nothing");
    }

    @Test
    void aHandlerThatIgnoresBackpressureIsDestroyedBeforeItsOutputPassesTheBound() throws Exception {
        accept();
        ch.peerStopsReading();
        byte[] mib = new byte[1 << 20];
        long queued = 0;
        for (int i = 0; i < 64 && ch.isOpen(); i++) {
            conn.write(mib);
            queued += ch.isOpen() ? mib.length : 0;
        }
        assertFalse(ch.isOpen());
        assertTrue(queued <= TcpConnection.MAX_PENDING_OUTPUT && queued > TcpConnection.MAX_PENDING_OUTPUT - 2 * mib.length,
                "destroyed at the write that would pass the bound, with " + queued + " bytes queued");
        assertEquals(2, recorder.events.size(), recorder.events.toString());
        assertTrue(recorder.events.get(0).contains("did not wait for 'drain'"), recorder.events.get(0));
        assertEquals("close", recorder.events.get(1));
    }

    @Test
    void setReadingTurnsTheSocketsAutoReadOffAndOn() throws Exception {
        accept();
        conn.setReading(false);
        assertFalse(ch.config().isAutoRead());
        conn.setReading(true);
        assertTrue(ch.config().isAutoRead());
    }

    @Test
    void aTransportErrorIsReportedOnceEvenWhenQueuedWritesFailAsTheConnectionCloses() throws Exception {
        accept();
        ch.peerStopsReading();
        conn.write("queued".getBytes(UTF_8));
        conn.write("behind it".getBytes(UTF_8));
        ch.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        ch.runPendingTasks();
        assertFalse(ch.isOpen());
        assertEquals(List.of("error Connection reset by peer", "close"), recorder.events);
    }

    @Test
    void anErrorWithoutAMessageIsReportedByItsKind() throws Exception {
        accept();
        ch.pipeline().fireExceptionCaught(new IllegalStateException());
        assertEquals(List.of("error IllegalStateException", "close"), recorder.events);
        assertTrue(recorder.errors.get(0).getCause() instanceof IllegalStateException);
    }

    @Test
    void destroyWithAnErrorReportsItThenCloses() throws Exception {
        accept();
        conn.destroy(new IOException("protocol violation"));
        assertEquals(List.of("error protocol violation", "close"), recorder.events);
        assertFalse(conn.write("x".getBytes(UTF_8)));
    }

    @Test
    void destroyWithoutAnErrorClosesQuietly() throws Exception {
        accept();
        ch.peerStopsReading();
        conn.write("never sent".getBytes(UTF_8));
        conn.destroy();
        ch.runPendingTasks();
        assertEquals(List.of("close"), recorder.events, "the queued write failing is no error of the handler's");
    }

    @Test
    void resetClosesWithoutLingerSoThePeerGetsRstNotFin() throws Exception {
        accept();
        conn.reset();
        assertEquals(0, ch.config().getOption(ChannelOption.SO_LINGER));
        assertFalse(ch.isOpen());
        assertEquals(List.of("close"), recorder.events);
        conn.reset();
        assertEquals(List.of("close"), recorder.events, "a second reset does nothing");
    }

    @Test
    void setNoDelayReachesTheSocket() throws Exception {
        accept();
        conn.setNoDelay(false);
        assertFalse(ch.config().getOption(ChannelOption.TCP_NODELAY));
        conn.setNoDelay(true);
        assertTrue(ch.config().getOption(ChannelOption.TCP_NODELAY));
    }

    @Test
    void aHandlerEventThatThrowsClosesItsConnectionAndCloseIsStillDelivered() throws Exception {
        Recorder failing = new Recorder() {
            @Override
            public void onData(byte[] bytes) {
                super.onData(bytes);
                throw new IllegalStateException("handler bug");
            }
        };
        accept(failing);
        ch.peerSends("boom".getBytes(UTF_8));
        assertFalse(ch.isOpen());
        assertEquals(List.of("data boom", "close"), failing.events);
    }

    @Test
    void anAcceptorThatThrowsClosesTheConnectionAndNothingIsDelivered() throws Exception {
        ch = new EmbeddedSocketChannel(c -> {
            throw new IllegalStateException("no instance");
        });
        assertFalse(ch.isOpen());
        assertFalse(ch.connection().write("x".getBytes(UTF_8)));
    }
}

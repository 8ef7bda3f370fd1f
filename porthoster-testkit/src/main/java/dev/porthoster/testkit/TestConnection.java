package dev.porthoster.testkit;

import dev.porthoster.api.TlsSession;
import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A fake screened TCP connection, seen from the client's side: send bytes to the handler, read what it wrote,
 * half-close, close. Every call runs the loop until the handler is idle, so the next line of the test sees the
 * handler's reaction.
 */
public final class TestConnection {

    private static final InetAddress IPV4_LOOPBACK = loopback(new byte[] {127, 0, 0, 1});
    private static final InetAddress IPV6_LOOPBACK = loopback(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    private final ManualEventLoop loop;
    private final InetSocketAddress remote;
    private final int localPort;
    private final Optional<TlsSession> tls;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private ConnectionEvents events = ConnectionEvents.IGNORE;
    private boolean handlerEnded;
    private boolean clientEnded;
    private boolean closed;
    private boolean reset;
    private boolean reading = true;
    private boolean noDelay;
    private boolean keepAlive;
    private long keepAliveDelayMillis;
    private int read;
    private final long highWaterMark;
    private long unflushed;

    TestConnection(ManualEventLoop loop, InetSocketAddress remote, int localPort, long highWaterMark) {
        this(loop, remote, localPort, highWaterMark, Optional.empty());
    }

    TestConnection(ManualEventLoop loop, InetSocketAddress remote, int localPort, long highWaterMark,
                   Optional<TlsSession> tls) {
        this.loop = loop;
        this.remote = remote;
        this.tls = tls;
        this.localPort = localPort;
        this.highWaterMark = highWaterMark;
    }

    /** The transport side the engine drives. */
    final Connection side = new Connection() {
        @Override
        public InetSocketAddress remoteAddress() {
            return remote;
        }

        @Override
        public int localPort() {
            return localPort;
        }

        /** The loopback address of the peer's family, on the handler's port: a fake connection has no interface. */
        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress(remote.getAddress() instanceof Inet6Address ? IPV6_LOOPBACK : IPV4_LOOPBACK,
                    localPort);
        }

        @Override
        public Optional<TlsSession> tls() {
            return tls;
        }

        @Override
        public boolean write(byte[] bytes) {
            if (closed || handlerEnded) {
                return false;
            }
            written.writeBytes(bytes);
            unflushed += bytes.length;
            return unflushed < highWaterMark;
        }

        @Override
        public boolean isWritable() {
            return unflushed < highWaterMark;
        }

        @Override
        public long unsentBytes() {
            return closed ? 0 : unflushed;
        }

        @Override
        public void end() {
            if (!handlerEnded) {
                handlerEnded = true;
                if (clientEnded) {
                    closeNow();
                }
            }
        }

        @Override
        public void destroy() {
            closeNow();
        }

        @Override
        public void destroy(Exception error) {
            if (!closed) {
                loop.execute(() -> events.onError(error));
            }
            closeNow();
        }

        @Override
        public void reset() {
            reset = true;
            closeNow();
        }

        @Override
        public void setReading(boolean on) {
            reading = on;
        }

        @Override
        public void setNoDelay(boolean on) {
            noDelay = on;
        }

        @Override
        public void setKeepAlive(boolean enable, long initialDelayMillis) {
            keepAlive = enable;
            if (enable && initialDelayMillis > 0) {
                keepAliveDelayMillis = initialDelayMillis;
            }
        }
    };

    private static InetAddress loopback(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    void attach(ConnectionEvents e) {
        this.events = e;
        loop.runPending();
    }

    /** Where the connection's events go, set from inside a loop task (which must not run the loop again). */
    void events(ConnectionEvents e) {
        this.events = e;
    }

    private void closeNow() {
        if (!closed) {
            closed = true;
            loop.execute(events::onClose);
        }
    }

    /** Sends bytes to the handler as one {@code data} event. */
    public TestConnection send(byte[] bytes) {
        if (closed) {
            throw new IllegalStateException("the connection is closed; the handler cannot receive " + bytes.length + " more bytes");
        }
        if (clientEnded) {
            throw new IllegalStateException("the client already half-closed its side");
        }
        events.onData(bytes.clone());
        loop.runPending();
        return this;
    }

    /** Sends UTF-8 text to the handler as one {@code data} event. */
    public TestConnection send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Everything the handler wrote since the last read, as bytes. */
    public byte[] readBytes() {
        loop.runPending();
        byte[] all = written.toByteArray();
        byte[] out = java.util.Arrays.copyOfRange(all, read, all.length);
        read = all.length;
        return out;
    }

    /** Everything the handler wrote since the last read, as UTF-8 text. */
    public String read() {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    /** Half-closes the client's side (a FIN): the handler sees {@code end}. */
    public TestConnection end() {
        if (!clientEnded && !closed) {
            clientEnded = true;
            events.onEnd();
            loop.runPending();
            if (handlerEnded) {
                closeNow();
                loop.runPending();
            }
        }
        return this;
    }

    /** The client closes abruptly: the handler sees {@code error} then {@code close}. */
    public TestConnection abort() {
        if (!closed) {
            events.onError(new java.io.IOException("Connection reset by peer"));
            closeNow();
            loop.runPending();
        }
        return this;
    }

    /** Lets the handler's pending output drain: the handler sees {@code drain} if a write had returned false. */
    public TestConnection drain() {
        boolean wasFull = unflushed >= highWaterMark;
        unflushed = 0;
        if (wasFull && !closed) {
            events.onDrain();
        }
        loop.runPending();
        return this;
    }

    /** Whether the connection is fully closed. */
    public boolean isClosed() {
        loop.runPending();
        return closed;
    }

    /** Whether the handler ended its side (sent FIN). */
    public boolean handlerEnded() {
        return handlerEnded;
    }

    /** Whether the connection was reset rather than closed. */
    public boolean wasReset() {
        return reset;
    }

    /** Whether the handler is reading (false after {@code conn.pause()}). */
    public boolean isReading() {
        return reading;
    }

    /** Whether the handler turned {@code SO_KEEPALIVE} on ({@code conn.setKeepAlive(true)}). */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** The delay before the first keep-alive probe the handler asked for ({@code conn.setKeepAlive(true, ms)}), 0 if none. */
    public long keepAliveDelayMillis() {
        return keepAliveDelayMillis;
    }

    /** Whether the handler asked for {@code TCP_NODELAY}. */
    public boolean noDelay() {
        return noDelay;
    }
}

package dev.porthoster.engine.tck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives one server (Node or a broker) through an {@link OracleScript} over real loopback sockets and records what each
 * reading step read: the transcript the oracle compares. A reading step waits at most {@link #READ_TIMEOUT_MILLIS};
 * what it holds when the time is up is recorded as {@code TIMEOUT after "..."}, so a mismatch shows instead of hanging.
 */
final class OracleClient implements AutoCloseable {

    static final int READ_TIMEOUT_MILLIS = 10_000;

    private final InetSocketAddress server;
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private Connection current;
    private DatagramSocket udp;

    /** One TCP connection, with what was read past the last step's end. */
    private static final class Connection {
        final Socket socket;
        final InputStream in;
        byte[] surplus = new byte[0];
        boolean ended;

        Connection(InetSocketAddress server) throws IOException {
            socket = new Socket();
            socket.connect(server, READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            in = socket.getInputStream();
        }
    }

    OracleClient(InetSocketAddress server) {
        this.server = server;
    }

    /** Runs every step; returns one rendering per reading step, rendered like the script's expectation. */
    List<String> run(OracleScript script) throws IOException {
        List<String> transcript = new ArrayList<>();
        int reading = 0;
        for (OracleScript.Step step : script.steps()) {
            boolean hex = OracleScript.reads(step) && reading < script.readings().size()
                    && script.readings().get(reading).expected().startsWith("hex");
            String got = switch (step) {
                case OracleScript.Send s -> {
                    connection().socket.getOutputStream().write(s.bytes());
                    connection().socket.getOutputStream().flush();
                    yield null;
                }
                case OracleScript.SendDatagram d -> {
                    datagrams().send(new DatagramPacket(d.bytes(), d.bytes().length, server));
                    yield null;
                }
                case OracleScript.Until u -> until(connection(), u.marker(), hex);
                case OracleScript.Expect e -> expect(connection(), e.count(), hex);
                case OracleScript.Discard d -> discard(connection(), d.count());
                case OracleScript.Skip k -> {
                    String skipped = until(connection(), k.marker(), false);
                    yield skipped.endsWith("\"") ? "skipped to " + OracleScript.render(k.marker(), false)
                            : skipped.substring(Math.max(0, skipped.length() - 200));
                }
                case OracleScript.Eof e -> eof(connection(), hex);
                case OracleScript.End e -> {
                    connection().socket.shutdownOutput();
                    yield null;
                }
                case OracleScript.ReadDatagram r -> datagram(hex);
                case OracleScript.Open o -> {
                    current = new Connection(server);
                    connections.put(o.connection(), current);
                    yield null;
                }
                case OracleScript.Use u -> {
                    current = connections.get(u.connection());
                    if (current == null) {
                        throw new IllegalArgumentException(script.name() + ": no connection named " + u.connection());
                    }
                    yield null;
                }
            };
            if (got != null) {
                transcript.add(got);
                reading++;
            }
        }
        return transcript;
    }

    private Connection connection() throws IOException {
        if (current == null) {
            current = new Connection(server);
            connections.put("a", current);
        }
        return current;
    }

    private DatagramSocket datagrams() throws IOException {
        if (udp == null) {
            udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            udp.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
        return udp;
    }

    private static String until(Connection c, byte[] marker, boolean hex) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        got.writeBytes(c.surplus);
        c.surplus = new byte[0];
        byte[] buf = new byte[65536];
        while (true) {
            byte[] all = got.toByteArray();
            int at = indexOf(all, marker);
            if (at >= 0) {
                int end = at + marker.length;
                c.surplus = Arrays.copyOfRange(all, end, all.length);
                return OracleScript.render(Arrays.copyOf(all, end), hex);
            }
            int n = read(c, buf);
            if (n < 0) {
                return OracleScript.render(all, hex) + (n == -1 ? " EOF" : n == -2 ? " RESET" : "") + " before "
                        + OracleScript.render(marker, false) + (n == -3 ? " (TIMEOUT)" : "");
            }
            got.write(buf, 0, n);
        }
    }

    private static String expect(Connection c, int count, boolean hex) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        got.writeBytes(c.surplus);
        c.surplus = new byte[0];
        byte[] buf = new byte[65536];
        while (got.size() < count) {
            int n = read(c, buf);
            if (n < 0) {
                return OracleScript.render(got.toByteArray(), hex) + (n == -1 ? " EOF" : n == -2 ? " RESET" : " TIMEOUT")
                        + " before " + count + " bytes";
            }
            got.write(buf, 0, n);
        }
        byte[] all = got.toByteArray();
        c.surplus = Arrays.copyOfRange(all, count, all.length);
        return OracleScript.render(Arrays.copyOf(all, count), hex);
    }

    /** Reads exactly {@code count} bytes, rendered as their count and SHA-1 (the content matters, not its text). */
    private static String discard(Connection c, int count) throws IOException {
        String got = expect(c, count, true);
        if (!got.startsWith("hex") || got.contains("before")) {
            return got.length() > 200 ? got.substring(got.length() - 200) : got;
        }
        byte[] bytes = OracleScript.bytes(got, "");
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-1").digest(bytes);
            return count + " bytes, sha1 " + java.util.HexFormat.of().formatHex(sha);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String eof(Connection c, boolean hex) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        got.writeBytes(c.surplus);
        c.surplus = new byte[0];
        byte[] buf = new byte[65536];
        while (true) {
            int n = read(c, buf);
            if (n < 0) {
                return OracleScript.render(got.toByteArray(), hex) + (n == -1 ? " EOF" : n == -2 ? " RESET" : " TIMEOUT");
            }
            got.write(buf, 0, n);
        }
    }

    /** Bytes read into {@code buf}; -1 at the end of the stream, -2 on a reset, -3 when the wait is over. */
    private static int read(Connection c, byte[] buf) throws IOException {
        if (c.ended) {
            return -1;
        }
        try {
            int n = c.in.read(buf);
            if (n < 0) {
                c.ended = true;
            }
            return n;
        } catch (SocketTimeoutException e) {
            return -3;
        } catch (SocketException e) {
            c.ended = true;
            return -2;
        }
    }

    private String datagram(boolean hex) throws IOException {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            datagrams().receive(p);
        } catch (SocketTimeoutException e) {
            return "TIMEOUT";
        }
        return OracleScript.render(Arrays.copyOf(buf, p.getLength()), hex);
    }

    private static int indexOf(byte[] all, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= all.length; i++) {
            for (int k = 0; k < marker.length; k++) {
                if (all[i + k] != marker[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        for (Connection c : connections.values()) {
            try {
                c.socket.close();
            } catch (IOException ignored) {
                // closing after the script: nothing left to learn
            }
        }
        if (udp != null) {
            udp.close();
        }
    }
}

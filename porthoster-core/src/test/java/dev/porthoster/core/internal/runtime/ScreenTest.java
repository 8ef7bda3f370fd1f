package dev.porthoster.core.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.porthoster.core.internal.runtime.Screen.Reason;
import dev.porthoster.core.manifest.ManifestException;
import dev.porthoster.core.manifest.ManifestParser;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Screening decisions on a virtual clock. */
class ScreenTest {

    @TempDir
    Path root;

    private final AtomicLong clock = new AtomicLong(1_000);

    private Screen screen(String json) throws IOException, ManifestException {
        Path p = root.resolve("s.tcp.7000.port.json");
        Files.writeString(p, json);
        return new Screen(ManifestParser.parse(p), clock::get);
    }

    private static InetAddress ip(String s) throws IOException {
        return InetAddress.getByName(s);
    }

    @Test
    void denyWinsOverAllow() throws Exception {
        Screen s = screen("{\"allow\": [\"10.0.0.0/8\"], \"deny\": [\"10.9.0.0/16\"]}");
        assertEquals(Optional.empty(), s.admitDatagram(ip("10.1.1.1")));
        assertEquals(Optional.of(Reason.DENIED), s.admitDatagram(ip("10.9.1.1")));
        assertEquals(Optional.of(Reason.NOT_ALLOWED), s.admitDatagram(ip("192.0.2.1")));
        assertEquals(Optional.of(Reason.NOT_ALLOWED), s.admitDatagram(ip("::1")));
        assertEquals(Optional.of(Reason.DENIED), s.admitDatagram(ip("::ffff:10.9.0.1")));
    }

    @Test
    void perSourceConnectionCapFreesWhenAConnectionCloses() throws Exception {
        Screen s = screen("{\"connections\": {\"max\": 3, \"perSource\": 2}}");
        InetAddress a = ip("127.0.0.2");
        assertEquals(Optional.empty(), s.admitConnection(a));
        assertEquals(Optional.empty(), s.admitConnection(a));
        assertEquals(Optional.of(Reason.SOURCE_CONNECTION_CAP), s.admitConnection(a));
        assertEquals(Optional.empty(), s.admitConnection(ip("127.0.0.3")));
        assertEquals(Optional.of(Reason.CONNECTION_CAP), s.admitConnection(ip("127.0.0.4")));
        s.closed(a);
        assertEquals(Optional.empty(), s.admitConnection(a));
        assertEquals(2, s.refusals().get(Reason.SOURCE_CONNECTION_CAP) + s.refusals().get(Reason.CONNECTION_CAP));
    }

    @Test
    void perSourceRateSlowsOneSourceAndNotAnother() throws Exception {
        Screen s = screen("{\"rate\": {\"perSource\": \"2/s\", \"burst\": 3}}");
        InetAddress abuser = ip("127.0.0.2");
        InetAddress other = ip("127.0.0.3");
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            if (s.admitDatagram(abuser).isEmpty()) {
                admitted++;
            }
        }
        assertEquals(3, admitted, "the burst, then nothing until tokens refill");
        assertEquals(Optional.empty(), s.admitDatagram(other));
        clock.addAndGet(500);
        assertEquals(Optional.empty(), s.admitDatagram(abuser), "one token back after half a second at 2/s");
        assertEquals(Optional.of(Reason.SOURCE_RATE), s.admitDatagram(abuser));
    }

    @Test
    void globalRateDoesNotChargeTheSourcesOwnBucket() throws Exception {
        Screen s = screen("{\"rate\": {\"perSource\": \"10/s\", \"global\": \"2/s\"}}");
        assertEquals(Optional.empty(), s.admitDatagram(ip("127.0.0.2")));
        assertEquals(Optional.empty(), s.admitDatagram(ip("127.0.0.3")));
        assertEquals(Optional.of(Reason.GLOBAL_RATE), s.admitDatagram(ip("127.0.0.4")));
        assertEquals(1, s.refusals().get(Reason.GLOBAL_RATE));
    }

    @Test
    void aFloodOfSpoofedSourcesStaysBounded() throws Exception {
        Screen s = screen("{\"rate\": {\"perSource\": \"1/h\"}}");
        byte[] addr = {10, 0, 0, 0};
        for (int i = 0; i < 150_000; i++) {
            addr[1] = (byte) (i >> 16);
            addr[2] = (byte) (i >> 8);
            addr[3] = (byte) i;
            s.admitDatagram(InetAddress.getByAddress(addr));
        }
        assertEquals(50_000, s.refusals().get(Reason.TOO_MANY_SOURCES),
                "past 100000 tracked sources with none refilled, new sources are refused instead of tracked");
    }
}

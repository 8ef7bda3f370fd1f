import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One UDP flood against an echo-like handler, and the share of answers an honest source keeps meanwhile.
 *   java bench/udp-flood/Flood.java PORT [SECONDS=5] [FLOOD_THREADS=1] [TARGET=127.0.0.1]
 * The flooder sends from 127.0.0.2 as fast as its threads can; the honest source sends from 127.0.0.3, 10 numbered
 * datagrams a second, and waits up to 1 s for each answer. Prints one line:
 *   honest ANSWERED/SENT (SHARE %) flood SENT datagrams, RATE/s
 * With --lone first, there is no honest source: the flooder reads the answers it gets and prints how many per second
 * an oversubscribed handler serves a single source:
 *   java bench/udp-flood/Flood.java --lone PORT [SECONDS=5]      prints: lone sent N (R/s) answered M (A/s)
 */
public class Flood {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("--lone")) {
            lone(Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 5);
            return;
        }
        int port = Integer.parseInt(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        InetAddress host = InetAddress.getByName(args.length > 3 ? args[3] : "127.0.0.1");
        InetSocketAddress target = new InetSocketAddress(host, port);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sent = new AtomicLong();
        List<Thread> flooders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> flood(target, stop, sent), "flooder-" + t);
            th.setDaemon(true);
            th.start();
            flooders.add(th);
        }
        long start = System.nanoTime();
        Thread.sleep(500); // let the flood build up before the honest source starts
        int requests = seconds * 10;
        int answered = honest(target, requests);
        stop.set(true);
        for (Thread th : flooders) {
            th.join(5_000);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("honest %d/%d (%.0f %%) flood %d datagrams, %.0f/s%n", answered, requests,
                100.0 * answered / requests, sent.get(), sent.get() / elapsed);
    }

    static void lone(int port, int seconds) throws Exception {
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
            ch.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            ch.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong answered = new AtomicLong();
            Thread reader = new Thread(() -> {
                ByteBuffer in = ByteBuffer.allocate(100);
                try {
                    while (!stop.get()) {
                        in.clear();
                        ch.read(in);
                        answered.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // the channel closed at the end
                }
            });
            reader.setDaemon(true);
            reader.start();
            ByteBuffer junk = ByteBuffer.wrap("flood flood flood flood".getBytes(StandardCharsets.UTF_8));
            long sent = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                junk.rewind();
                try {
                    ch.write(junk);
                } catch (IOException ignored) {
                    // as in flood()
                }
                sent++;
            }
            Thread.sleep(500); // answers still on their way
            stop.set(true);
            System.out.printf("lone sent %d (%.0f/s) answered %d (%.0f/s)%n", sent, sent / (double) seconds,
                    answered.get(), answered.get() / (double) seconds);
        }
    }

    static void flood(InetSocketAddress target, AtomicBoolean stop, AtomicLong sent) {
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            ch.connect(target);
            ByteBuffer junk = ByteBuffer.wrap("flood flood flood flood".getBytes(StandardCharsets.UTF_8));
            long n = 0;
            while (!stop.get()) {
                junk.rewind();
                try {
                    ch.write(junk);
                } catch (IOException ignored) {
                    // ICMP errors for replies we never read; the flood goes on
                }
                n++;
            }
            sent.addAndGet(n);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int honest(InetSocketAddress target, int requests) throws IOException {
        int answered = 0;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0))) {
            long next = System.nanoTime();
            byte[] in = new byte[100];
            for (int i = 0; i < requests; i++) {
                byte[] req = ("honest " + i).getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(req, req.length, target));
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (true) {
                    long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                    if (left <= 0) {
                        break;
                    }
                    s.setSoTimeout((int) left);
                    DatagramPacket p = new DatagramPacket(in, in.length);
                    try {
                        s.receive(p);
                    } catch (SocketTimeoutException lost) {
                        break;
                    }
                    if (new String(in, 0, p.getLength(), StandardCharsets.UTF_8).equals("honest " + i)) {
                        answered++;
                        break;
                    }
                }
                next += TimeUnit.MILLISECONDS.toNanos(100);
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
        return answered;
    }
}

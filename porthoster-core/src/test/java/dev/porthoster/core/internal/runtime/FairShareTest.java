package dev.porthoster.core.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without a rate in the manifest, a handler that cannot keep up is shared out per source. */
class FairShareTest {

    private static final int LIMIT = 64;

    private long now;
    private long drops;

    /** One read of {@code flood} datagrams from the flooder and one from a quiet source; returns what was admitted. */
    private static int[] read(FairShare share, InetAddress flooder, InetAddress quiet, int flood) {
        int[] admitted = new int[2];
        for (int i = 0; i < flood; i++) {
            if (share.admit(flooder)) {
                admitted[0]++;
            }
            if (i == flood / 2 && share.admit(quiet)) {
                admitted[1]++;
            }
        }
        share.endOfBatch(flood + 1, flood + 1 >= LIMIT);
        return admitted;
    }

    @Test
    void whileTheHandlerKeepsUpNothingIsDropped() throws Exception {
        FairShare share = new FairShare(() -> now, () -> KernelDrops.UNKNOWN);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        for (int r = 0; r < 100; r++) {
            assertEquals(40, read(share, a, InetAddress.getByName("192.0.2.2"), 40)[0]);
        }
        assertEquals(-1, share.quota());
    }

    @Test
    void underSaturationAFloodingSourceIsCutAndAQuietOneNever() throws Exception {
        FairShare share = new FairShare(() -> now, () -> KernelDrops.UNKNOWN);
        InetAddress flooder = InetAddress.getByName("192.0.2.1");
        InetAddress quiet = InetAddress.getByName("192.0.2.2");
        int[] first = read(share, flooder, quiet, LIMIT);
        assertEquals(LIMIT, first[0], "the first full read is not limited yet");
        for (int r = 0; r < 10; r++) {
            int[] admitted = read(share, flooder, quiet, LIMIT);
            assertEquals(1, admitted[1], "the quiet source's datagram always gets in");
            assertTrue(admitted[0] <= LIMIT / 2);
        }
        assertEquals(1, share.quota(), "halved after each full read, down to one per source per read");
        int rounds = 0;
        while (share.quota() != -1 && rounds++ < 20) {
            read(share, flooder, quiet, 10);
        }
        assertTrue(rounds <= 6, "once the socket empties, the quota doubles back to no limit: " + rounds + " reads");
    }

    @Test
    void fullReadsWithoutKernelDropsAreABusyClientNotAFloodAndLoseNothing() throws Exception {
        FairShare share = new FairShare(() -> now, () -> drops);
        InetAddress busy = InetAddress.getByName("192.0.2.1");
        InetAddress quiet = InetAddress.getByName("192.0.2.2");
        for (int r = 0; r < 20; r++) {
            assertEquals(LIMIT, read(share, busy, quiet, LIMIT)[0], "read " + r + ": dnsperf keeps every query");
            now += FairShare.DROPS_CHECK_MILLIS;
        }
        drops += 500; // the kernel starts dropping at the socket: a real flood
        read(share, busy, quiet, LIMIT);
        now += FairShare.DROPS_CHECK_MILLIS;
        int[] admitted = read(share, busy, quiet, LIMIT);
        assertTrue(admitted[0] < LIMIT, "while the socket overflows the flooder gets its share: " + admitted[0]);
        assertEquals(1, admitted[1]);
        now += FairShare.OVERFLOW_MEMORY_MILLIS + FairShare.DROPS_CHECK_MILLIS;
        read(share, busy, quiet, LIMIT);
        assertEquals(LIMIT, read(share, busy, quiet, LIMIT)[0], "no drops for a second: nothing is cut any more");
    }

    @Test
    void theKernelsDropCountIsReadFromItsUdpTables() {
        List<String> table = List.of(
                "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                "  151: 0100007F:62C5 00000000:0000 07 00000000 00000000 00:00000000 00000000     0        0 90710 2 0000000000000000 1234",
                "  152: 00000000:0035 00000000:0000 07 00000000 00000000 00:00000000 00000000     0        0 90711 2 0000000000000000 7");
        assertEquals(1234, KernelDrops.sum(table, 0x62C5));
        assertEquals(7, KernelDrops.sum(table, 53));
        assertEquals(0, KernelDrops.sum(table, 9));
    }
}

package dev.porthoster.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Without a rate in the manifest, a handler that cannot keep up is shared out per source. */
class FairShareTest {

    private static final int LIMIT = 64;

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
        FairShare share = new FairShare();
        InetAddress a = InetAddress.getByName("192.0.2.1");
        for (int r = 0; r < 100; r++) {
            assertEquals(40, read(share, a, InetAddress.getByName("192.0.2.2"), 40)[0]);
        }
        assertEquals(-1, share.quota());
    }

    @Test
    void underSaturationAFloodingSourceIsCutAndAQuietOneNever() throws Exception {
        FairShare share = new FairShare();
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
}

package dev.porthoster.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A connect entry names addresses (an address or a block) and exactly one port. */
class DestinationTest {

    private static Destination parse(String text) {
        return Destination.parse(text).orElseThrow(() -> new AssertionError(Destination.problem(text)));
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void anEntryMatchesItsAddressesOnItsPortOnly() throws Exception {
        Destination redis = parse("10.0.0.5:6379");
        assertTrue(redis.matches(ip("10.0.0.5"), 6379));
        assertFalse(redis.matches(ip("10.0.0.5"), 6380));
        assertFalse(redis.matches(ip("10.0.0.6"), 6379));
        Destination block = parse("192.0.2.0/24:443");
        assertTrue(block.matches(ip("192.0.2.200"), 443));
        assertFalse(block.matches(ip("192.0.3.1"), 443));
    }

    @Test
    void anIpv4EntryMatchesTheMappedFormAndIpv6EntriesTheirOwn() throws Exception {
        assertTrue(parse("127.0.0.1:7000").matches(ip("::ffff:127.0.0.1"), 7000));
        Destination v6 = parse("[2001:db8::/32]:53");
        assertTrue(v6.matches(ip("2001:db8:1::9"), 53));
        assertFalse(v6.matches(ip("2001:db9::9"), 53));
        assertTrue(parse("[::1]:53").matches(ip("::1"), 53));
        assertFalse(parse("[::1]:53").matches(ip("127.0.0.1"), 53));
    }

    @Test
    void anEntryPrintsAsAManifestWritesIt() {
        for (String text : new String[] {"10.0.0.5:6379", "[::1]:53", "192.0.2.0/24:443", "[2001:db8::/32]:53"}) {
            assertEquals(text, parse(text).toString());
        }
        assertEquals("[::1]:53", parse("[0:0:0:0:0:0:0:1]:53").toString());
    }

    @Test
    void anythingElseIsAProblemNeverAnEntry() {
        for (String text : new String[] {"", ":", "[]:1", "[::1]", "10.0.0.5:", ":80", "host:80", "10.0.0.5:80:80",
                "[::1]:x", "1.2.3.4/33:1", "[::1/129]:1", "10.0.0.5: 80", "x".repeat(101)}) {
            assertTrue(Destination.problem(text).isPresent(), text);
            assertEquals(Optional.empty(), Destination.parse(text), text);
        }
    }
}

package dev.porthoster.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Address blocks for allow and deny lists: IPv4, IPv6 and IPv4-mapped IPv6. */
class CidrTest {

    private static InetAddress ip(String s) throws UnknownHostException {
        return InetAddress.getByName(s);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "203.0.113.0/24, 203.0.113.7, true",
            "203.0.113.0/24, 203.0.114.7, false",
            "0.0.0.0/0, 198.51.100.1, true",
            "0.0.0.0/0, ::1, false",
            "::/0, ::1, true",
            "::/0, 127.0.0.1, false",
            "2001:db8::/32, 2001:db8:1::5, true",
            "2001:db8::/32, 2001:db9::5, false",
            "127.0.0.2, 127.0.0.2, true",
            "127.0.0.2, 127.0.0.3, false",
            "10.0.0.0/8, ::ffff:10.1.2.3, true",
            "::ffff:10.0.0.0/104, 10.1.2.3, true",
            "::ffff:10.0.0.0/104, 11.1.2.3, false",
            "::1/128, ::1, true",
    })
    void blocksContainTheirAddresses(String block, String address, boolean inside) throws UnknownHostException {
        Cidr cidr = Cidr.parse(block).orElseThrow(() -> new AssertionError(Cidr.problem(block)));
        assertEquals(inside, cidr.contains(ip(address)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "203.0.113.1/24 => '203.0.113.1/24' has host bits set after /24; did you mean 203.0.113.0/24?",
            "10.0.0.0/33 => '10.0.0.0/33' has prefix '/33'; expected /0 to /32",
            "example.com => 'example.com' is not an IPv4 or IPv6 address block such as 203.0.113.0/24 or 2001:db8::/32",
            "10.0.0/8 => '10.0.0/8' is not an IPv4 or IPv6 address block such as 203.0.113.0/24 or 2001:db8::/32",
            "::/129 => '::/129' has prefix '/129'; expected /0 to /128",
            "10.0.0.0/-1 => '10.0.0.0/-1' has prefix '/-1'; expected /0 to /32",
            "999.0.0.0/8 => '999.0.0.0/8' is not an IPv4 or IPv6 address",
    })
    void badBlocksSayWhatIsWrong(String text, String problem) {
        assertEquals(Optional.of(problem), Cidr.problem(text));
        assertFalse(Cidr.parse(text).isPresent());
    }

    @org.junit.jupiter.api.Test
    void printsCanonically() {
        assertEquals("2001:db8::/32", Cidr.parse("2001:0db8:0:0::/32").orElseThrow().toString());
        assertTrue(Cidr.parse("0.0.0.0/0").isPresent());
    }
}

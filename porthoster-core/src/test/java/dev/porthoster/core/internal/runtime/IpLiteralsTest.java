package dev.porthoster.core.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ctx.reply takes IP addresses as text and never a name: what counts as an address, decided without a resolver. */
class IpLiteralsTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "::1, ::1",
        "::, ::",
        "2001:db8::1, 2001:db8::1",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
        "::ffff:192.0.2.1, 192.0.2.1",
        "64:ff9b::192.0.2.1, 64:ff9b::c000:201",
        "fe80::1, fe80::1",
    })
    void addressesAreParsed(String text, String expected) throws Exception {
        Optional<InetAddress> parsed = IpLiterals.parse(text);
        assertTrue(parsed.isPresent(), text);
        assertEquals(InetAddress.getByName(expected), parsed.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "localhost", "example.com", "porthoster.test", "1.2.3", "1.2.3.4.5", "127.1", "0x7f.0.0.1", "010.0.0.1",
        "256.0.0.1", "1.2.3.-4", " 127.0.0.1", "127.0.0.1 ", "1..2.3", "[::1]", "::1%lo", "fe80::1%eth0", ":::",
        "1::2::3", ":1::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::1", "::1.2.3.4:5", "1.2.3.4::",
        "1:2:3:4:5:6:7:1.2.3.4", "\u0661.0.0.1", "\uff11::", "::ffff:1.2.3.04",
    })
    void anythingElseIsNotAnAddressAndIsNeverLookedUp(String text) {
        assertEquals(Optional.empty(), IpLiterals.parse(text), text);
    }
}

package dev.porthoster.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.Protocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The filename grammar, rule by rule. */
class FileNameTest {

    @ParameterizedTest(name = "{0} serves {2} {3} as {1}")
    @CsvSource({
            "echo.tcp.7000.port.js, echo, TCP, 7000",
            "metrics.udp.9125.port.js, metrics, UDP, 9125",
            "a.tcp.1.port.js, a, TCP, 1",
            "max.udp.65535.port.js, max, UDP, 65535",
            "My-Svc_2.tcp.8080.port.js, My-Svc_2, TCP, 8080",
    })
    void entryPointNamesServeTheirPort(String file, String name, Protocol protocol, int port) {
        assertEquals(new FileName.Handler(new PortSpec(name, protocol, port)), FileName.ofTopLevel(file, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo.tcp.7000.port.json", "m.udp.53.port.json"})
    void manifestNamesOpenNothing(String file) {
        assertInstanceOf(FileName.Manifest.class, FileName.ofTopLevel(file, false));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiterString = " => ", value = {
            "Echo.TCP.7000.port.js => the protocol must be lowercase: 'tcp', not 'TCP'",
            "echo.Udp.53.port.js => the protocol must be lowercase: 'udp', not 'Udp'",
            "echo.tcp.70000.port.js => port 70000 is out of range 1–65535",
            "echo.tcp.65536.port.js => port 65536 is out of range 1–65535",
            "echo.tcp.9999999999999.port.js => port 9999999999999 is out of range 1–65535",
            "echo.tcp.0.port.js => port 0 is not a port a client can reach; use 1–65535",
            "echo.tcp.07000.port.js => the port '07000' has a leading zero; write it without one",
            "echo.tcp.+7000.port.js => the port '+7000' is not a decimal number 1–65535",
            "echo.tcp.-1.port.js => the port '-1' is not a decimal number 1–65535",
            "echo.tcp.7k.port.js => the port '7k' is not a decimal number 1–65535",
            "echo.tcp.٧٠٠٠.port.js => the port '٧٠٠٠' is not a decimal number 1–65535",
            "echo.tcp..port.js => the port is missing; expected a number 1–65535",
            "echo.sctp.7000.port.js => unknown protocol 'sctp'; expected tcp or udp",
            "a.b.tcp.1.port.js => the name must not contain dots ('a.b'); expected <name>.<tcp|udp>.<port>.port.js",
            "echo.7000.port.js => expected <name>.<tcp|udp>.<port>.port.js",
            ".tcp.7000.port.js.x => x",
            "echo.tcp.7000.PORT.js => the suffix must be lowercase '.port.js'",
            "echo.tcp.7000.port.JSON => the suffix must be lowercase '.port.json'",
            "ech o.tcp.7000.port.js => the name 'ech o' may hold only letters, digits, '-' and '_'",
            "écho.tcp.7000.port.js => the name 'écho' may hold only letters, digits, '-' and '_'",
            "tcp.7000.port.js => expected <name>.<tcp|udp>.<port>.port.js",
            "manifest.tcp.99999.port.json => port 99999 is out of range 1–65535",
    })
    void nearMissesOpenNothingAndSayWhy(String file, String reason) {
        FileName parsed = FileName.ofTopLevel(file, false);
        if (reason.equals("x")) {
            assertInstanceOf(FileName.Ignored.class, parsed, "dot files are ignored, not near misses");
            return;
        }
        assertEquals(new FileName.NearMiss(reason), parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"_draft.tcp.7000.port.js", ".hidden.tcp.7000.port.js", "_lib.js", ".env", "_x.port.json"})
    void underscoreAndDotNamesAreIgnored(String file) {
        assertInstanceOf(FileName.Ignored.class, FileName.ofTopLevel(file, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "util.js", "echo.tcp.7000.js", "data.json", "echo.tcp.7000.port.ts"})
    void otherTopLevelFilesAreSupporting(String file) {
        assertInstanceOf(FileName.Supporting.class, FileName.ofTopLevel(file, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo.tcp.7000.port.js", "util.js"})
    void nestedFilesAreOnlySupporting(String file) {
        assertInstanceOf(FileName.Supporting.class, FileName.ofNested(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"_private.js", ".git"})
    void nestedUnderscoreAndDotNamesAreIgnored(String file) {
        assertInstanceOf(FileName.Ignored.class, FileName.ofNested(file));
    }

    @org.junit.jupiter.api.Test
    void devModeServesUnderscoredHandlers() {
        FileName parsed = FileName.ofTopLevel("_draft.tcp.7000.port.js", true);
        assertEquals(new FileName.Handler(new PortSpec("_draft", Protocol.TCP, 7000)), parsed);
        assertTrue(FileName.ofTopLevel(".x.tcp.7000.port.js", true) instanceof FileName.Ignored);
    }
}

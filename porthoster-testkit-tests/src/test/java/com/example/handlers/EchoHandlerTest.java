package com.example.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.testkit.HandlerTestKit;
import dev.porthoster.testkit.TestConnection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EchoHandlerTest {

    // The folder that holds your *.port.js files; here, the project's own examples.
    static final Path HANDLER = Path.of("..", "examples", "echo.tcp.7000.port.js");

    @Test
    void greetsWithItsPortThenEchoes() {
        try (HandlerTestKit kit = HandlerTestKit.load(HANDLER).engine("graal").start()) {
            TestConnection conn = kit.connect("203.0.113.7", 40000);
            assertEquals("hello from :7000\n", conn.read());
            assertEquals("ping\n", conn.send("ping\n").read());
        }
    }

    @Test
    void closesWhenTheClientHangsUp() {
        try (HandlerTestKit kit = HandlerTestKit.load(HANDLER).engine("graal").start()) {
            TestConnection conn = kit.connect("203.0.113.7", 40000);
            conn.end();
            assertTrue(conn.isClosed());
        }
    }
}

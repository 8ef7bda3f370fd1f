package com.example.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.testkit.HandlerTestKit;
import dev.porthoster.testkit.TestConnection;
import dev.porthoster.testkit.TestPeer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RelayHandlerTest {

    static final Path HANDLER = Path.of("..", "examples", "relay.tcp.4000.port.js");

    @Test
    void theRelayCarriesEachClientToTheEchoAndBack() {
        try (HandlerTestKit kit = HandlerTestKit.load(HANDLER).start()) {
            TestPeer echo = kit.peer("127.0.0.1", 7000);   // relay.tcp.4000.port.json lists it under "connect"
            TestConnection client = kit.connect("203.0.113.7", 40000);
            TestConnection upstream = echo.connection();   // the relay's connection, seen from the echo
            upstream.send("hello from :7000\n");
            assertEquals("hello from :7000\n", client.read());
            client.send("hi\n");
            assertEquals("hi\n", upstream.read());
            client.end();
            assertTrue(upstream.handlerEnded(), "the client's FIN goes on to the echo");
        }
    }
}

package com.example.greeter;

import dev.porthoster.api.Conn;
import dev.porthoster.api.PortSpec;
import dev.porthoster.api.Protocol;
import dev.porthoster.api.TcpHandler;
import dev.porthoster.core.Broker;
import dev.porthoster.core.BrokerEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves the scripts in a folder and, beside them, a Java handler that greets with what the scripts counted.
 * Usage: GreeterApp FOLDER PORT
 */
public final class GreeterApp {

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);

        // A Java handler: the same contract as a script's handle(conn, ctx), screened and run the same way.
        TcpHandler greeter = (conn, ctx) -> {
            ctx.shared().get("visits")                           // what a script stored with ctx.shared.increment
                    .thenAcceptAsync(visits -> {                  // ...continued on the handler's own loop
                        String text = "hello, visitor " + visits.orElse(0L) + "\n";
                        conn.write(text.getBytes(StandardCharsets.UTF_8));
                        conn.end();
                    }, ctx);
            return new Conn.Listener() {
                @Override
                public void onData(byte[] bytes) {
                    ctx.log().log(System.Logger.Level.INFO, "ignoring " + bytes.length + " bytes");
                }
            };
        };

        Broker broker = Broker.builder(folder)
                .handler(new PortSpec("greeter", Protocol.TCP, port), greeter)
                .listener(event -> {
                    if (event instanceof BrokerEvent.ConnectionRefused refused) {
                        System.out.println("refused " + refused.remote() + " on " + refused.spec() + ": "
                                + refused.reason());
                    }
                })
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));

        // The application reads and writes the same store, with typed values.
        broker.shared().set("motd", Map.of("text", "welcome", "since", 2026)).toCompletableFuture().join();
        broker.status().forEach(System.out::println);
        Thread.currentThread().join(); // the broker's threads are daemons: the application decides when to stop
    }
}

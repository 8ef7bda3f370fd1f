package com.example.handlers;

import dev.porthoster.api.Conn;
import dev.porthoster.api.TcpHandler;
import java.nio.charset.StandardCharsets;

/** A relay written as a Java handler, as docs/embedding.md shows it: the tests run it on the testkit and on a broker. */
public final class JavaRelay {

    private JavaRelay() {
    }

    /** A relay in Java: {@code ctx.connect} to the manifest's destination, bytes copied both ways. */
    public static TcpHandler to(java.net.InetSocketAddress backend) {
        return (conn, ctx) -> {
            java.util.List<byte[]> early = new java.util.ArrayList<>();
            Conn[] upstream = new Conn[1];
            ctx.connect(backend, new Conn.Listener() {
                @Override
                public void onData(byte[] bytes) {
                    conn.write(bytes);
                }

                @Override
                public void onEnd() {
                    conn.end();
                }
            }).whenComplete((up, error) -> {
                if (error != null) {
                    String code = error instanceof dev.porthoster.api.OutboundException e ? e.code() : "?";
                    conn.write((code + " " + error.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                    conn.end();
                    return;
                }
                upstream[0] = up;
                early.forEach(up::write);
                early.clear();
            });
            return new Conn.Listener() {
                @Override
                public void onData(byte[] bytes) {
                    if (upstream[0] == null) {
                        early.add(bytes);
                    } else {
                        upstream[0].write(bytes);
                    }
                }

                @Override
                public void onEnd() {
                    if (upstream[0] != null) {
                        upstream[0].end();
                    }
                }
            };
        };
    }
}

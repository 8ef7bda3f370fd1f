package dev.porthoster.server.sync;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The asking end of the broker's local channel, for {@code receive} and {@code status}. */
final class BrokerLink {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than a reconcile can take: every load's open timeout plus the drain of replaced versions. */
    static final long REPLY_SECONDS = 120;

    private BrokerLink() {
    }

    /**
     * Sends {@code request} to the broker serving the folder whose state is {@code state}. Empty when no broker is
     * running there (no socket, or a socket nobody answers).
     *
     * @throws IOException when the channel exists but may not be trusted, or the broker did not answer in time
     */
    static Optional<JsonNode> ask(Path state, String request) throws IOException {
        Path socket = state.resolve(DeployDir.SOCKET);
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        Optional<String> untrusted = LocalChannel.untrusted(state, socket);
        if (untrusted.isPresent()) {
            throw new IOException(untrusted.get());
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return Optional.empty(); // a socket left by a broker that is gone
        }
        try (channel) {
            if (!LocalChannel.samePeer(channel, socket)) {
                throw new IOException("the process answering on " + socket + " runs as another user; not talking to it");
            }
            channel.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
            // A thread of its own, not the common pool: on a small machine that pool may be one busy thread.
            CompletableFuture<byte[]> reply = new CompletableFuture<>();
            Thread.ofVirtual().name("porthoster-channel-reply").start(() -> {
                try {
                    reply.complete(readAll(channel));
                } catch (RuntimeException e) {
                    reply.completeExceptionally(e);
                }
            });
            byte[] bytes = reply.get(REPLY_SECONDS, TimeUnit.SECONDS);
            JsonNode node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node.has("error")) {
                throw new IOException("the broker answered: " + node.get("error").asString());
            }
            return Optional.of(node);
        } catch (TimeoutException e) {
            throw new IOException("the broker on " + socket + " did not answer within " + REPLY_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new IOException("reading the broker's answer on " + socket + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the broker");
        }
    }

    private static byte[] readAll(SocketChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (channel.read(buf) >= 0) {
                buf.flip();
                out.write(buf.array(), 0, buf.limit());
                buf.clear();
                if (out.size() > LocalChannel.MAX_REPLY) {
                    throw new IOException("the broker's answer is over " + LocalChannel.MAX_REPLY + " bytes");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.porthoster.server.sync;

import dev.porthoster.core.Broker;
import dev.porthoster.core.HandlerStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The serving broker's end of the local channel: a Unix socket, {@code STATE/broker.sock}, in a state folder of mode
 * 0700, the socket itself 0600, answering only processes of the broker's own user (checked with
 * {@code SO_PEERCRED}). A request is one line; the reply is JSON and the connection closes.
 * <ul>
 *   <li>{@code reload}: rescans the content root (as a change on disk would), and replies with the ports served
 *       before and after, the files refused and the release now applied;</li>
 *   <li>{@code status}: the release the broker applied last ({@code release}) and the one {@code current} names
 *       now ({@code current}; they differ only when a receive was killed between its swap and its request), every
 *       port with its handler, version, open connections, restarts and refusal counts.</li>
 * </ul>
 * This is the only way {@code receive} tells the broker a new tree is in place: the broker follows the deploy folder's
 * {@code current} link only when asked, so it never scans a tree while it is being written.
 */
public final class BrokerChannel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.porthoster.sync");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Broker broker;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    /** The release the broker applied last: the one {@code current} named at its last reload. */
    private volatile String applied = "";

    private BrokerChannel(Broker broker, Path socket, ServerSocketChannel server) {
        this.broker = broker;
        this.socket = socket;
        this.server = server;
        this.acceptor = Thread.ofPlatform().daemon().name("porthoster-channel").unstarted(this::accept);
    }

    /**
     * Opens the channel of {@code broker} in {@code state} (created 0700 if missing).
     *
     * @throws IOException when another broker already answers there, or the socket cannot be made
     */
    public static BrokerChannel open(Broker broker, Path state) throws IOException {
        DeployDir.createPrivate(state);
        Path socket = state.resolve(DeployDir.SOCKET);
        if (Files.exists(socket)) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                throw new IOException("another broker already serves this folder (it answers on " + socket
                        + "); stop it first");
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("another broker")) {
                    throw e;
                }
                Files.delete(socket); // left by a broker that is gone
            }
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        BrokerChannel channel = new BrokerChannel(broker, socket, server);
        // Catches up with a tree swapped in while the broker started, before anyone could reach it (a no-op otherwise:
        // handlers whose files did not change are not reloaded), and learns which release it serves.
        channel.reload();
        channel.acceptor.start();
        return channel;
    }

    /** Where the channel listens. */
    public Path socket() {
        return socket;
    }

    private void accept() {
        while (true) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "the local channel " + socket + " failed: " + e.getMessage());
                return;
            }
            Thread.ofVirtual().name("porthoster-channel-request").start(() -> serve(client));
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            if (!LocalChannel.samePeer(client, socket)) {
                LOG.log(System.Logger.Level.WARNING, "refused a process of another user on " + socket);
                return;
            }
            String request = readLine(client);
            String reply = switch (request) {
                case "reload" -> reload();
                case "status" -> status();
                default -> "{\"error\":\"unknown request; expected reload or status\"}";
            };
            ByteBuffer out = ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                client.write(out);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a request on " + socket + " failed: " + e.getMessage());
        }
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (line.size() < LocalChannel.MAX_REQUEST) {
            one.clear();
            if (client.read(one) < 0) {
                break;
            }
            if (one.get(0) == '\n') {
                break;
            }
            line.write(one.get(0));
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private synchronized String reload() {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("root", broker.contentRoot().toString());
        String release = releaseOf(broker.contentRoot());
        ports(reply.putArray("before"));
        broker.reload();
        applied = release;
        reply.put("release", release);
        ports(reply.putArray("after"));
        ArrayNode refused = reply.putArray("refused");
        for (HandlerStatus s : broker.status()) {
            if (s instanceof HandlerStatus.Refused r) {
                refused.addObject().put("file", relative(r.file())).put("reason", r.reason());
            }
        }
        return JSON.writeValueAsString(reply);
    }

    private void ports(ArrayNode into) {
        for (HandlerStatus s : broker.status()) {
            if (s instanceof HandlerStatus.Serving serving) {
                into.addObject().put("socket", serving.spec().socketKey()).put("file", relative(serving.file()));
            }
        }
    }

    private String status() {
        ObjectNode reply = JSON.createObjectNode();
        Path root = broker.contentRoot();
        reply.put("root", root.toString());
        reply.put("release", applied);
        reply.put("current", releaseOf(root));
        reply.put("engine", broker.engineDescription());
        Map<String, Map<String, Long>> refusals = broker.refusals();
        Map<String, Integer> open = broker.openConnections();
        ArrayNode ports = reply.putArray("ports");
        ArrayNode refused = reply.putArray("refused");
        for (HandlerStatus s : broker.status()) {
            switch (s) {
                case HandlerStatus.Serving serving -> {
                    ObjectNode p = ports.addObject();
                    p.put("socket", serving.spec().socketKey());
                    p.put("protocol", serving.spec().protocol().token());
                    p.put("port", serving.spec().port());
                    String host = serving.address().getAddress().getHostAddress();
                    p.put("address", (host.contains(":") ? "[" + host + "]" : host) + ":" + serving.address().getPort());
                    p.put("file", relative(serving.file()));
                    p.put("version", version(serving.file()));
                    p.put("connections", open.getOrDefault(serving.spec().socketKey(), 0));
                    p.put("restarts", serving.restarts().count());
                    p.put("lastRestart", serving.restarts().lastReason().orElse(""));
                    p.put("instances", serving.instances());
                    ArrayNode copies = p.putArray("copies");
                    for (HandlerStatus.Copy c : serving.copies()) {
                        copies.addObject().put("copy", c.index()).put("connections", c.connections())
                                .put("restarts", c.restarts().count())
                                .put("lastRestart", c.restarts().lastReason().orElse(""));
                    }
                    ObjectNode counts = p.putObject("refusals");
                    refusals.getOrDefault(serving.spec().socketKey(), Map.of()).forEach(counts::put);
                    HandlerStatus.Outbound out = serving.outbound();
                    ObjectNode outbound = p.putObject("outbound");
                    outbound.put("open", out.open()).put("connections", out.connections())
                            .put("datagrams", out.datagrams());
                    out.refused().forEach(outbound.putObject("refused")::put);
                }
                case HandlerStatus.Refused r -> refused.addObject().put("file", relative(r.file()))
                        .put("reason", r.reason());
            }
        }
        return JSON.writeValueAsString(reply);
    }

    /** The release a deploy folder's {@code current} link names now; "" for a folder served as it is. */
    private static String releaseOf(Path root) {
        try {
            return Files.isSymbolicLink(root) ? Files.readSymbolicLink(root).getFileName().toString() : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The content hash of a handler file, shortened: which version of it serves. */
    private static String version(Path file) {
        try {
            return Wire.hex(DeployDir.sha256(file)).substring(0, 16);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private String relative(Path file) {
        Path root = broker.contentRoot();
        return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + socket + ": " + e.getMessage());
        }
    }
}

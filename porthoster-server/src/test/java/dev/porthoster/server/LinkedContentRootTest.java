package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.porthoster.core.Broker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A content root reached through a symbolic link (a deploy folder's {@code current}, or {@code /srv} linked to another
 * disk) serves like any other, and when the link is swapped to another tree, a reload follows it: a handler whose
 * imported file differs in the new tree is reloaded, even though the old tree is still on disk.
 */
class LinkedContentRootTest {

    @TempDir
    Path dir;

    private static String ask(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private Path tree(String name, int port, String value) throws IOException {
        Path t = Files.createDirectories(dir.resolve("releases").resolve(name).resolve("lib"));
        Files.writeString(t.getParent().resolve("hi.tcp." + port + ".port.js"),
                "import { v } from './lib/v.js';\nexport function handle(c) { c.end(v + '\\n'); }\n");
        Files.writeString(t.resolve("v.js"), "export const v = '" + value + "';\n");
        return t.getParent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"graal", "rhino"})
    void aRootBehindALinkServesAndAReloadFollowsTheSwappedLink(String engine) throws Exception {
        int port = FreePorts.next();
        tree("a", port, "one");
        tree("b", port, "two");
        Path current = dir.resolve("current");
        Files.createSymbolicLink(current, Path.of("releases/a"));
        try (Broker broker = Broker.builder(current).bindAddress(InetAddress.getLoopbackAddress()).engine(engine)
                .build().start()) {
            assertEquals("one", ask(port));
            Files.createSymbolicLink(dir.resolve("current.new"), Path.of("releases/b"));
            Files.move(dir.resolve("current.new"), current, StandardCopyOption.ATOMIC_MOVE);
            broker.reload();
            assertEquals("two", ask(port), "only the imported file differs between the trees");
        }
    }
}

package dev.porthoster.server.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Connects to a Unix socket as user {@code nobody}, through {@code setpriv} and Python, and says what it got. */
final class BrokerLinkProbe {

    private BrokerLinkProbe() {
    }

    static boolean canSwitchUser() {
        return LocalChannel.selfUid() == 0 && Files.isExecutable(Path.of("/usr/bin/setpriv"))
                && Files.isExecutable(Path.of("/usr/bin/python3"));
    }

    static String askAsNobody(Path socket) throws IOException, InterruptedException {
        String script = "import socket,sys\n"
                + "s=socket.socket(socket.AF_UNIX)\n"
                + "s.settimeout(20)\n"
                + "s.connect(sys.argv[1])\n"
                + "data=b''\n"
                + "try:\n"
                + "  s.sendall(b'status\\n')\n"
                + "  while True:\n"
                + "    b=s.recv(4096)\n"
                + "    if not b: break\n"
                + "    data+=b\n"
                + "except (ConnectionResetError, BrokenPipeError):\n"
                + "  pass\n"
                + "print(\"connected; answer: '\" + data.decode() + \"'\")\n";
        Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "/usr/bin/python3", "-c", script, socket.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}

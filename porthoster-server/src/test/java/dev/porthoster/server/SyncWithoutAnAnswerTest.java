package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code porthoster sync} when the server side never answers: ssh cannot log in, or the server has no porthoster
 * where {@code --porthoster-path} says. The sync fails (exit 2), changes nothing, and says which of the two it was
 * and what to do. The "ssh" here is {@code sh -c 'exit N'}, which ends as OpenSSH's client does in those cases.
 */
class SyncWithoutAnAnswerTest {

    @TempDir
    Path root;

    private record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n" + out + err;
        }
    }

    private Result syncWhereSshExits(int sshStatus) throws Exception {
        Files.writeString(root.resolve("data.txt"), "content");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"sync", root.toString(),
                        "deploy@example.invalid:/srv/porthoster", "--ssh", "sh -c 'exit " + sshStatus + "'",
                        "--porthoster-path", "/opt/porthoster/bin/porthoster"});
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aServerWithoutPorthosterAtItsPathIsNamedWithWhatToDo() throws Exception {
        Result r = syncWhereSshExits(127);
        assertEquals(2, r.status(), r::toString);
        assertTrue(r.err().contains("the server's shell found no '/opt/porthoster/bin/porthoster'"), r::toString);
        assertTrue(r.err().contains("--porthoster-path"), r::toString);
        assertTrue(r.err().contains("nothing was changed on the server"), r::toString);
    }

    @Test
    void aLoginThatFailsSaysSshCouldNotConnectOrLogIn() throws Exception {
        Result r = syncWhereSshExits(255);
        assertEquals(2, r.status(), r::toString);
        assertTrue(r.err().contains("ssh could not connect or log in"), r::toString);
        assertTrue(r.err().contains("--ssh"), r::toString);
    }
}

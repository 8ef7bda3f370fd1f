package dev.porthoster.core.manifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Named pipes for tests: a FIFO that is opened for reading blocks until a writer comes, so opening one hangs. */
public final class Fifos {

    private Fifos() {
    }

    public static Path make(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("mkfifo " + path + " failed");
        }
        return path;
    }
}

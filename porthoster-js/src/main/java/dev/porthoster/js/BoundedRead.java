package dev.porthoster.js;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads at most a given number of bytes of a file, on a helper thread, and gives up after a timeout. The caller (a
 * handler's event loop) is never blocked longer than the timeout, whatever the file system does. A read that
 * times out is interrupted, which closes its channel; a thread stuck in the kernel regardless is a virtual thread,
 * costing a few hundred bytes until the file system answers.
 */
final class BoundedRead {

    /** Opens and reads a file; the real one follows no link at the last component. */
    @FunctionalInterface
    interface Opener {
        byte[] read(Path file, int maxBytes) throws IOException;
    }

    static final Opener FILES = (file, maxBytes) -> {
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes(maxBytes);
        }
    };

    /** The read did not finish in time. */
    static final class TimedOut extends IOException {
        private static final long serialVersionUID = 1L;

        TimedOut(Path file) {
            super("reading " + file + " timed out", null);
        }
    }

    private static final ExecutorService READERS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("porthoster-module-read-", 0).factory());

    private final Opener opener;
    private final Duration timeout;

    BoundedRead(Opener opener, Duration timeout) {
        this.opener = opener;
        this.timeout = timeout;
    }

    /** At most {@code maxBytes} of {@code file}; {@link TimedOut} when the read takes longer than the timeout. */
    byte[] read(Path file, long maxBytes) throws IOException {
        int max = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
        Future<byte[]> result = READERS.submit(() -> {
            try {
                return opener.read(file, max);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new TimedOut(file);
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + file.getFileName(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException(String.valueOf(e.getCause()), e.getCause());
        }
    }
}

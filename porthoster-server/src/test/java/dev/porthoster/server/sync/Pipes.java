package dev.porthoster.server.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A sync client and {@code receive} in one JVM, joined by two pipes instead of an SSH session; what crossed them is
 * counted. {@link #cutAfter} makes the client's side of the connection drop after that many bytes, as a killed ssh does.
 */
final class Pipes {

    /** The outcome of one session: the report, or the failure each side saw. */
    record Outcome(Optional<Report> report, Optional<IOException> clientFailure, int receiveStatus, long sent,
                   long received, long contentSent) { }

    /** Threads of their own for the receiving side: the common pool may be one thread, busy elsewhere. */
    static final java.util.concurrent.Executor THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pipes-receive");
        t.setDaemon(true);
        return t;
    });

    private Pipes() {
    }

    static Outcome sync(Path root, Path dir, Limits limits) throws Exception {
        return run(request(root, dir, false, false), LocalTree.scan(root).entries(), dir, limits, Long.MAX_VALUE);
    }

    static Outcome run(SyncClient.Request request, List<TreeEntry> tree, Path dir, Limits limits, long cutAfter)
            throws Exception {
        PipedInputStream toServer = new PipedInputStream(256 * 1024);
        PipedOutputStream clientOut = new PipedOutputStream(toServer);
        PipedInputStream toClient = new PipedInputStream(256 * 1024);
        PipedOutputStream serverOut = new PipedOutputStream(toClient);
        CompletableFuture<Integer> receive = CompletableFuture.supplyAsync(() -> {
            try (serverOut; toServer) {
                return new Receiver(dir, limits).run(toServer, serverOut);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, THREADS);
        SyncClient.Counting.In in = new SyncClient.Counting.In(toClient);
        CuttingOut out = new CuttingOut(clientOut, cutAfter);
        SyncClient.Session session = new SyncClient.Session(in, out, request, tree);
        Optional<Report> report = Optional.empty();
        Optional<IOException> failure = Optional.empty();
        try {
            report = Optional.of(session.run());
        } catch (IOException e) {
            failure = Optional.of(e);
        } finally {
            clientOut.close();
            // drain what the server still says so it never blocks on a full pipe
            CompletableFuture.runAsync(() -> {
                try {
                    toClient.transferTo(OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // closed
                }
            }, THREADS);
        }
        int status = receive.get(60, TimeUnit.SECONDS);
        return new Outcome(report, failure, status, out.count, in.count, session.contentSent);
    }

    static SyncClient.Request request(Path root, Path dir, boolean dryRun, boolean rollback) {
        return new SyncClient.Request(root, "test", dir.toString(), List.of("ssh"), "porthoster", dryRun, false,
                rollback, Optional.empty());
    }

    /** Writes {@code files} (path, content pairs) under {@code root}. */
    static void write(Path root, String... pathsAndContents) throws IOException {
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path p = root.resolve(pathsAndContents[i]);
            Files.createDirectories(p.getParent());
            Files.writeString(p, pathsAndContents[i + 1], StandardCharsets.UTF_8);
        }
    }

    /** What a client prints, captured. */
    static String printed(Report r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        r.print(new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    /** An output stream that fails, as a dropped connection does, once {@code limit} bytes went through. */
    static final class CuttingOut extends OutputStream {
        private final OutputStream out;
        private final long limit;
        long count;

        CuttingOut(OutputStream out, long limit) {
            this.out = out;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (count + len > limit) {
                int n = (int) (limit - count);
                out.write(b, off, n);
                count += n;
                out.close();
                throw new IOException("connection dropped after " + limit + " bytes");
            }
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    static InputStream nothing() {
        return InputStream.nullInputStream();
    }
}

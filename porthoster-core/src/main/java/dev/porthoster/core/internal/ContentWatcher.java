package dev.porthoster.core.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches a content root and its sub-folders and calls back once things have been quiet for a moment, so that an
 * editor's save (often a write, a rename and a delete) causes one reload, not three.
 */
public final class ContentWatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.porthoster.broker");

    private final Path root;
    private final WatchService watch;
    private final Runnable onChange;
    private final long quietMillis;
    private final Thread thread;

    private ContentWatcher(Path root, Runnable onChange, long quietMillis) throws IOException {
        this.root = root;
        this.onChange = onChange;
        this.quietMillis = quietMillis;
        this.watch = FileSystems.getDefault().newWatchService();
        registerTree(root);
        this.thread = new Thread(this::run, "porthoster-watch");
        this.thread.setDaemon(true);
    }

    /** Starts watching {@code root}; {@code onChange} runs on the watcher's thread after {@code quietMillis} of quiet. */
    public static ContentWatcher start(Path root, Runnable onChange, long quietMillis) throws IOException {
        ContentWatcher w = new ContentWatcher(root, onChange, quietMillis);
        w.thread.start();
        return w;
    }

    private void registerTree(Path dir) throws IOException {
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) && !name.startsWith(".") && !name.startsWith("_")) {
                    registerTree(child);
                }
            }
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean relevant = drain(key);
                // Collect everything that arrives until the tree is quiet.
                WatchKey more;
                while ((more = watch.poll(quietMillis, TimeUnit.MILLISECONDS)) != null) {
                    relevant |= drain(more);
                }
                if (relevant) {
                    try {
                        onChange.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.ERROR, "reloading after a change in " + root + " failed", e);
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private boolean drain(WatchKey key) {
        Path dir = (Path) key.watchable();
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true;
                continue;
            }
            Path child = dir.resolve((Path) event.context());
            String name = child.getFileName().toString();
            if (name.startsWith(".")) {
                continue; // never served, and editors' swap files would otherwise cause a reload per keystroke
            }
            relevant = true;
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
                    && !name.startsWith(".") && !name.startsWith("_")) {
                try {
                    registerTree(child);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "cannot watch new folder " + child + ": " + e.getMessage());
                }
            }
        }
        key.reset();
        return relevant;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watch.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the watch service: " + e);
        }
    }
}

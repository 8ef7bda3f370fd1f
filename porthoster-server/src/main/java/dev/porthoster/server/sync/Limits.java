package dev.porthoster.server.sync;

/**
 * What {@code porthoster receive} accepts: a tree over any of these is refused before any content is sent. The
 * server's limits, set on its command line (which a forced SSH command fixes), never the client's.
 *
 * @param maxFiles     files in one tree
 * @param maxFileBytes bytes in one file
 * @param maxTreeBytes bytes in the whole tree
 */
record Limits(int maxFiles, long maxFileBytes, long maxTreeBytes) {

    /** 10,000 files, 64 MiB a file, 1 GiB a tree. */
    static final Limits DEFAULTS = new Limits(10_000, 64L << 20, 1L << 30);

    /** The hard ceiling of {@link #maxFiles}, whatever the command line says: the tree listing is kept in memory. */
    static final int FILE_CEILING = 1_000_000;

    Limits {
        if (maxFiles < 1 || maxFiles > FILE_CEILING || maxFileBytes < 0 || maxTreeBytes < 0) {
            throw new IllegalArgumentException("limits out of range: " + maxFiles + " files, " + maxFileBytes
                    + " bytes a file, " + maxTreeBytes + " bytes a tree");
        }
    }
}

package dev.porthoster.core.internal.runtime;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.function.LongSupplier;

/**
 * Each source's share of a UDP port whose handler cannot keep up, with no rate in the manifest needed.
 *
 * <p>While the transport's reads come back with fewer datagrams than its per-read limit, the handler keeps up and
 * nothing is dropped here. A read that stops at the limit means datagrams are queueing in the socket; then the socket
 * fills and the kernel drops whatever arrives next, whoever sent it, so a single flooding source takes nearly every
 * place and a quiet source loses most of its datagrams. To prevent that, under saturation each source may have at
 * most {@code quota} datagrams of each read handed to the handler; the rest are dropped before any work is done for
 * them, which is far cheaper than running the handler, so the loop drains the socket faster than one source can fill
 * it and every other source's datagrams get in. The quota halves after each full read and doubles after each read
 * that emptied the socket, until it no longer limits anything: it adapts to how much faster than the handler the
 * datagrams come. A source sending no more than a few datagrams per read is never touched.
 *
 * <p>A full read alone does not mean a flood: a busy client with a bounded number of queries in flight (dnsperf, a
 * resolver) fills reads too, and dropping its datagrams only loses answers it waits for. So where the kernel says
 * ({@link KernelDrops}, Linux), the shares apply only while the socket really overflows: while the kernel has dropped
 * datagrams on arrival within the last {@link #OVERFLOW_MEMORY_MILLIS}. Elsewhere every full read counts.
 *
 * <p>One per socket, on the loop that reads it: with several copies of a handler each socket has its own reads.
 */
final class FairShare {

    private static final int UNLIMITED = Integer.MAX_VALUE;
    /** How long after the kernel last dropped datagrams at the socket the shares still apply. */
    static final long OVERFLOW_MEMORY_MILLIS = 1_000;
    /** The kernel's figure is read at most this often (it is a file in /proc). */
    static final long DROPS_CHECK_MILLIS = 50;

    private final LongSupplier nowMillis;
    private final LongSupplier kernelDrops;
    private long lastDrops = KernelDrops.UNKNOWN;
    private long lastCheck = Long.MIN_VALUE;
    private long overflowUntil = Long.MIN_VALUE;
    /** Whether the shares apply now: the socket overflows, or the kernel does not say. */
    private boolean overflowing = true;

    private int quota = UNLIMITED;
    /** The largest read seen to end at the transport's limit: above it a quota limits nothing. */
    private int readLimit;
    /** Datagrams per source in the current read; used only while a quota is in force. */
    private final HashMap<InetAddress, int[]> counts = new HashMap<>();

    /**
     * @param nowMillis   the port's clock
     * @param kernelDrops the kernel's count of datagrams dropped at the socket, or {@link KernelDrops#UNKNOWN}
     */
    FairShare(LongSupplier nowMillis, LongSupplier kernelDrops) {
        this.nowMillis = nowMillis;
        this.kernelDrops = kernelDrops;
    }

    /** Whether {@code source} is still within its share of the current read. */
    boolean admit(InetAddress source) {
        if (quota == UNLIMITED || !overflowing) {
            return true;
        }
        int[] n = counts.get(source);
        if (n == null) {
            n = new int[1];
            counts.put(source, n);
        }
        return ++n[0] <= quota;
    }

    /** A read ended with {@code count} datagrams; {@code more} when it stopped at the transport's limit. */
    void endOfBatch(int count, boolean more) {
        if (!counts.isEmpty()) {
            counts.clear();
        }
        if (more) {
            watchOverflow();
            readLimit = Math.max(readLimit, count);
            quota = Math.max(1, Math.min(quota, count) / 2);
        } else if (quota != UNLIMITED) {
            quota = quota >= readLimit / 2 ? UNLIMITED : quota * 2;
        }
    }

    private void watchOverflow() {
        long now = nowMillis.getAsLong();
        if (lastCheck != Long.MIN_VALUE && now - lastCheck < DROPS_CHECK_MILLIS) {
            return;
        }
        lastCheck = now;
        long drops = kernelDrops.getAsLong();
        if (drops == KernelDrops.UNKNOWN) {
            overflowing = true;
            return;
        }
        if (lastDrops != KernelDrops.UNKNOWN && drops > lastDrops) {
            overflowUntil = now + OVERFLOW_MEMORY_MILLIS;
        }
        lastDrops = drops;
        overflowing = overflowUntil != Long.MIN_VALUE && now - overflowUntil < 0;
    }

    /** The per-source quota in force, or -1 when nothing is limited (for tests). */
    int quota() {
        return quota == UNLIMITED ? -1 : quota;
    }
}

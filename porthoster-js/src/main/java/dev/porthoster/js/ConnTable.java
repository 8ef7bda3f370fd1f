package dev.porthoster.js;

import dev.porthoster.api.Conn;
import java.util.Arrays;

/**
 * The connections of one handler instance by the number script knows each by: script holds a number, not a set of
 * functions per connection, and the one set of {@link ConnOperations} takes it first. A number is never given twice
 * (a slot's reuse bumps its sequence), so a stale one held by script after its connection closed finds nothing, never
 * a newer connection. Used only on the instance's loop.
 */
final class ConnTable {

    /** Slot bits of an id; the rest is the slot's sequence. 2^22 slots, and ids stay below 2^53 (exact in script). */
    private static final int SLOT_BITS = 22;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    private static final long MAX_SEQUENCE = (1L << (53 - SLOT_BITS)) - 1;

    private Conn[] conns = new Conn[16];
    private long[] sequences = new long[16];
    /** Free slots, a stack; {@code free[0..freeCount)}. */
    private int[] free = new int[16];
    private int freeCount;
    /** Slots ever used: {@code [0, used)}. */
    private int used;

    /** Registers {@code conn}; returns its id. */
    long add(Conn conn) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (used == conns.length) {
                if (used > SLOT_MASK) {
                    throw new IllegalStateException("more than " + SLOT_MASK + " open connections on one handler");
                }
                conns = Arrays.copyOf(conns, used * 2);
                sequences = Arrays.copyOf(sequences, used * 2);
            }
            slot = used++;
        }
        long sequence = sequences[slot] == MAX_SEQUENCE ? 1 : sequences[slot] + 1;
        sequences[slot] = sequence;
        conns[slot] = conn;
        return sequence << SLOT_BITS | slot;
    }

    /** The connection registered as {@code id}, or null once it was removed (or never was). */
    Conn get(long id) {
        long slot = id & SLOT_MASK;
        if (id < 0 || slot >= used) {
            return null;
        }
        int s = (int) slot;
        return sequences[s] == id >>> SLOT_BITS ? conns[s] : null;
    }

    /** Forgets {@code id}; its slot serves a later connection under another id. */
    void remove(long id) {
        if (get(id) == null) {
            return;
        }
        int slot = (int) (id & SLOT_MASK);
        conns[slot] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = slot;
    }

    /** How many connections are registered. */
    int size() {
        return used - freeCount;
    }
}

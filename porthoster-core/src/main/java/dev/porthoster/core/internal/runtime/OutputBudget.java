package dev.porthoster.core.internal.runtime;

import dev.porthoster.api.spi.Connection;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The output a port's handler has queued for clients that do not read, held against the handler's memory budget, so
 * a few hundred clients that never read cannot fill the heap between them while each stays under the per-connection
 * bound. Over the budget, the connection holding the most unsent output is destroyed with an error the handler sees.
 *
 * <p>Cheap on the write path: a running upper bound grows with every write, and only when it passes the budget are
 * the connections asked for their exact unsent bytes (which the bound then becomes). Used on the port's loop only.
 */
final class OutputBudget {

    private final LongSupplier budgetBytes;
    private final Set<Connection> connections = new HashSet<>();
    /** At least the sum of every connection's unsent bytes. */
    private long bound;

    /** @param budgetBytes the handler's memory budget, read at each check (a manifest edit can change it) */
    OutputBudget(LongSupplier budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    void opened(Connection c) {
        connections.add(c);
    }

    void closed(Connection c) {
        connections.remove(c);
    }

    /** The output queued on every connection now; also what the running bound becomes. */
    long exact() {
        long sum = 0;
        for (Connection c : connections) {
            sum += c.unsentBytes();
        }
        bound = sum;
        return sum;
    }

    /**
     * Makes room for {@code length} more bytes from {@code writer}, destroying the connections holding the most until
     * the port is back under its budget.
     *
     * @return whether {@code writer} itself is still open to take the bytes
     */
    boolean beforeWrite(Connection writer, int length) {
        long budget = budgetBytes.getAsLong();
        bound += length;
        if (bound <= budget) {
            return true;
        }
        long exact = exact() + length;
        boolean writerOpen = true;
        while (exact > budget && !connections.isEmpty()) {
            Connection largest = null;
            long most = -1;
            for (Connection c : connections) {
                long unsent = c == writer ? c.unsentBytes() + length : c.unsentBytes();
                if (unsent > most) {
                    most = unsent;
                    largest = c;
                }
            }
            connections.remove(largest);
            exact -= most;
            if (largest == writer) {
                writerOpen = false;
            }
            largest.destroy(new IOException("the unsent output of this handler's connections passed its "
                    + (budget >> 20) + " MiB memory budget; this connection held the most (" + (most >> 10)
                    + " KiB) and was destroyed"));
        }
        bound = Math.max(exact, 0);
        return writerOpen;
    }
}

package dev.porthoster.core.internal;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands events to an application's listeners on one thread of its own, in order, through a bounded queue: a listener
 * that is slow or throws never delays or breaks the loop that raised the event. Past the queue's capacity events are
 * dropped and counted.
 *
 * @param <E> the event type
 */
public final class EventDispatch<E> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.porthoster.broker");

    private final List<Consumer<? super E>> listeners;
    private final BlockingQueue<E> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;

    public EventDispatch(List<Consumer<? super E>> listeners, int capacity) {
        this.listeners = List.copyOf(listeners);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = listeners.isEmpty() ? null : Thread.ofPlatform().daemon().name("porthoster-events")
                .start(this::deliver);
    }

    /** Queues an event for the listeners; from any thread, never blocks. */
    public void publish(E event) {
        if (thread != null && !closing && !queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** Events dropped because the listeners fell behind. */
    public long dropped() {
        return dropped.get();
    }

    private void deliver() {
        while (true) {
            E event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event == null) {
                if (closing) {
                    return;
                }
                continue;
            }
            for (Consumer<? super E> listener : listeners) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a broker event listener threw on " + event + ": " + e);
                }
            }
        }
    }

    /** Delivers what is queued (waiting up to a second), then stops the thread. */
    @Override
    public void close() {
        closing = true;
        if (thread != null) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

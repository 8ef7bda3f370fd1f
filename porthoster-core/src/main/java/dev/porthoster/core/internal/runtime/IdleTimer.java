package dev.porthoster.core.internal.runtime;

import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.EventLoop;

/**
 * The manifest's {@code idleTimeout}: closes a connection that moved no bytes either way for the limit. One timer per
 * connection, re-armed lazily: activity only records the time, and the timer, when it fires early, sleeps the rest.
 */
final class IdleTimer {

    private final EventLoop loop;
    private final Connection connection;
    private final long limitMillis;
    private long lastActivity;
    private EventLoop.Cancellable timer;
    private boolean stopped;

    IdleTimer(EventLoop loop, Connection connection, long limitMillis) {
        this.loop = loop;
        this.connection = connection;
        this.limitMillis = limitMillis;
        this.lastActivity = loop.nowMillis();
        arm(limitMillis);
    }

    private void arm(long delay) {
        timer = loop.schedule(this::fire, delay);
    }

    private void fire() {
        if (stopped) {
            return;
        }
        long idleFor = loop.nowMillis() - lastActivity;
        if (idleFor >= limitMillis) {
            stopped = true;
            connection.destroy();
        } else {
            arm(limitMillis - idleFor);
        }
    }

    void touch() {
        lastActivity = loop.nowMillis();
    }

    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel();
        }
    }
}

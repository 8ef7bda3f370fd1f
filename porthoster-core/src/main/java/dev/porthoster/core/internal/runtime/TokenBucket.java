package dev.porthoster.core.internal.runtime;

/** A token bucket on a millisecond clock: {@code capacity} tokens, refilled at {@code perMilli}. Not thread-safe. */
final class TokenBucket {
    private final double capacity;
    private final double perMilli;
    private double tokens;
    private long lastMillis;

    TokenBucket(double capacity, double perMilli, long nowMillis) {
        this.capacity = capacity;
        this.perMilli = perMilli;
        this.tokens = capacity;
        this.lastMillis = nowMillis;
    }

    private void refill(long now) {
        if (now > lastMillis) {
            tokens = Math.min(capacity, tokens + (now - lastMillis) * perMilli);
            lastMillis = now;
        }
    }

    boolean tryTake(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    void giveBack() {
        tokens = Math.min(capacity, tokens + 1);
    }

    /** Whether the bucket is full at {@code now}, i.e. indistinguishable from a fresh one and safe to forget. */
    boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }
}

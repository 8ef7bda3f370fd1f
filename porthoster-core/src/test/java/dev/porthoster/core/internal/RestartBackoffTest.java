package dev.porthoster.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.HandlerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    private long now;
    private final List<String> log = new ArrayList<>();
    private final RestartBackoff backoff = new RestartBackoff(() -> now, (level, line) -> log.add(level + " " + line));

    /** Stops right after each boot, as a handler that runs away at once would. */
    private Duration stopAgain() {
        Duration wait = backoff.stopped("the watchdog");
        now += wait.toMillis();
        return wait;
    }

    @Test
    void firstStopRestartsAtOnceThenEachStopInARowDoublesTheWaitUpToAMinute() {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waits.add(stopAgain().toSeconds());
        }
        assertEquals(List.of(0L, 1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), waits);
        assertTrue(log.getFirst().startsWith("WARN stopped 2 times in a row; restarting in 1 s"), log.getFirst());
    }

    @Test
    void aHandlerThatRanQuietlyForAMinuteStartsOver() {
        stopAgain();
        stopAgain();
        assertEquals(Duration.ofSeconds(2), stopAgain());
        now += RestartBackoff.QUIET.toMillis();
        assertEquals(Duration.ZERO, stopAgain());
    }

    @Test
    void statusShowsTheCountTheReasonAndTheWaitLeft() {
        assertEquals(HandlerStatus.Restarts.NONE, backoff.snapshot());
        backoff.stopped("first");
        backoff.stopped("kept 80 MiB");
        now += 400;
        assertEquals(new HandlerStatus.Restarts(2, Optional.of("kept 80 MiB"), Optional.of(Duration.ofMillis(600))),
                backoff.snapshot());
    }
}

package dev.porthoster.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.porthoster.api.spi.HandlerLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One handler cannot flood the log: escaped, cut, and rate-limited on a clock the test moves. */
class BoundedHandlerLogTest {

    private final List<String> lines = new ArrayList<>();
    private long now = 1_000;
    private final BoundedHandlerLog log = new BoundedHandlerLog((level, m) -> lines.add(level + " " + m), () -> now);

    @Test
    void everyLineIsEscapedAndCut() {
        log.log(HandlerLog.Level.INFO, "ok\n... INFO [admin.tcp.1] FORGED");
        log.log(HandlerLog.Level.ERROR, "y".repeat(9000));
        assertEquals("INFO ok\\n... INFO [admin.tcp.1] FORGED", lines.get(0));
        assertEquals("ERROR " + "y".repeat(8192) + " ... [cut: 808 more characters]", lines.get(1));
    }

    @Test
    void aHandlerLoggingInATightLoopIsCutOffWithOneSummaryWhenItResumes() {
        for (int i = 0; i < 10_000; i++) {
            log.log(HandlerLog.Level.INFO, "spam " + i);
        }
        assertEquals(BoundedHandlerLog.BURST, lines.size(), "a burst passes, then nothing");
        assertEquals("INFO spam 499", lines.get(lines.size() - 1));

        now += 1_000; // 100 lines' worth refilled: still less than half a bucket
        log.log(HandlerLog.Level.INFO, "still spamming");
        assertEquals(BoundedHandlerLog.BURST, lines.size());

        now += 1_500; // half the bucket is back: the handler may log again
        log.log(HandlerLog.Level.INFO, "resumed");
        assertEquals(List.of("WARN 9501 lines suppressed: this handler logged more than 500 lines at once or 100 a second",
                "INFO resumed"), lines.subList(BoundedHandlerLog.BURST, lines.size()));
    }

    @Test
    void aSteadyHandlerWithinTheRateLosesNothing() {
        for (int i = 0; i < 5_000; i++) {
            now += 10;
            log.log(HandlerLog.Level.INFO, "tick " + i);
        }
        assertEquals(5_000, lines.size());
    }

    @Test
    void longLinesCountOncePerStartedKiB() {
        for (int i = 0; i < 100; i++) {
            log.log(HandlerLog.Level.INFO, "z".repeat(8192));
        }
        assertEquals(BoundedHandlerLog.BURST / 8, lines.size(), "an 8 KiB line costs eight");
    }
}

package dev.porthoster.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Untrusted text becomes one visible line: nothing a log reader or a terminal would act on passes raw. */
class LogLinesTest {

    @Test
    void aNewlineCannotStartAForgedLine() {
        assertEquals("hello\\n2026-11-24 21:40:01.123 INFO  [admin.tcp.1] FORGED",
                LogLines.escape("hello\n2026-11-24 21:40:01.123 INFO  [admin.tcp.1] FORGED"));
        assertEquals("a\\r\\nb\\tc", LogLines.escape("a\r\nb\tc"));
    }

    @Test
    void controlCharactersAndTerminalEscapesShowAsEscapes() {
        assertEquals("\\x1b[2J\\x1b]0;owned\\x07 \\x00\\x7f\\x85\\x9b", LogLines.escape("\u001b[2J\u001b]0;owned\u0007 \u0000\u007f\u0085\u009b"));
        assertEquals("line\\u2028sep\\u2029para", LogLines.escape("line\u2028sep\u2029para"));
        assertEquals("\\u202eevil\\u2066\\u200f", LogLines.escape("\u202eevil\u2066\u200f"), "bidi controls reorder what a reader sees");
        assertEquals("half \\ud83d pair", LogLines.escape("half \ud83d pair"));
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        String text = "héllo wörld 😀 \\n stays as typed, \"quotes\" too; 中文";
        assertSame(text, LogLines.escape(text));
    }

    @Test
    void aLongLineIsCutWithANoteOfWhatWasDropped() {
        String line = LogLines.escape("x".repeat(100_000), 8192);
        assertEquals("x".repeat(8192) + " ... [cut: 91808 more characters]", line);
        String escaped = LogLines.escape("\n".repeat(5000), 8192);
        assertTrue(escaped.startsWith("\\n".repeat(4096) + " ... [cut: 904 more characters]"), escaped.substring(8180));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String line = LogLines.escape("x".repeat(8191) + "😀" + "y", 8192);
        assertEquals("x".repeat(8191) + " ... [cut: 3 more characters]", line);
    }
}

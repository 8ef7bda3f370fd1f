package dev.porthoster.core;

/**
 * Untrusted text made safe for a line-oriented log: whatever a handler logs (or puts into an error message) becomes
 * exactly one line, with nothing a terminal or a log reader would act on. Used for every handler log line and by the
 * server's log formatter.
 *
 * <p>Escaped visibly, in JavaScript notation: line breaks and tabs ({@code \n}, {@code \r}, {@code \t}), every other
 * C0 control character, DEL and the C1 controls ({@code \x1b} for ESC, so no terminal escape sequence passes),
 * the Unicode line and paragraph separators ({@code \u2028}, {@code \u2029}), the bidirectional formatting
 * characters (which can make a line read differently from what it holds) and unpaired surrogates. A backslash is
 * left as it is: the text {@code \n} in the log may be a newline the handler logged or the two characters; the
 * log's structure, one event per line, is what is protected.
 */
public final class LogLines {

    /** The longest line a handler can log, in characters after escaping; the rest is cut with a note. */
    public static final int MAX_CHARS = 8192;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogLines() {
    }

    /** {@code text} escaped, whatever its length. */
    public static String escape(String text) {
        return escape(text, Integer.MAX_VALUE);
    }

    /**
     * {@code text} escaped and, when the escaped text would pass {@code maxChars}, cut there with a note saying how
     * many characters of the original were dropped: {@code ... [cut: 91808 more characters]}.
     */
    public static String escape(String text, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, got " + maxChars);
        }
        int n = text.length();
        int i = 0;
        while (i < n && plain(text, i) && i < maxChars) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder out = new StringBuilder(Math.min(n, maxChars) + 16);
        out.append(text, 0, i);
        while (i < n) {
            char c = text.charAt(i);
            int before = out.length();
            int width = 1;
            if (plain(text, i)) {
                if (Character.isHighSurrogate(c)) {
                    width = 2;
                    out.append(c).append(text.charAt(i + 1));
                } else {
                    out.append(c);
                }
            } else {
                appendEscape(out, c);
            }
            if (out.length() > maxChars) {
                out.setLength(before);
                int dropped = n - i;
                if (before > 0 && Character.isHighSurrogate(out.charAt(before - 1)) && Character.isLowSurrogate(c)) {
                    out.setLength(before - 1); // never leave half a pair behind
                    dropped++;
                }
                out.append(" ... [cut: ").append(dropped).append(" more characters]");
                return out.toString();
            }
            i += width;
        }
        return out.toString();
    }

    /** Whether the char at {@code i} goes out as it is (a surrogate only as half of a well-formed pair). */
    private static boolean plain(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return false;
        }
        if (c < 0x200e) {
            return c != 0x061c;
        }
        if (c == 0x200e || c == 0x200f || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069)) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        }
        return true;
    }

    private static void appendEscape(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c < 0x100) {
                    out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
                } else {
                    out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15])
                            .append(HEX[c & 15]);
                }
            }
        }
    }
}

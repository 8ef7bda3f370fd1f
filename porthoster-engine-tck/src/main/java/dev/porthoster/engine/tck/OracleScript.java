package dev.porthoster.engine.tck;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scenario of the differential oracle, read from a {@code .oracle} file: the handler it drives, the client's
 * steps, and what Node answered at each step that reads.
 *
 * <pre>
 * # the first comment line is the scenario's title
 * handler lines.tcp.7000.port.js      the handler file (beside the script)
 * send "caf\xc3"                      one write: text as UTF-8, \n \r \t \\ \" \xNN (one byte) &#92;u{1F600}
 * send hex 01 02 ff                   one write of raw bytes
 * until "]"                           read until the text has arrived, the rest stays for the next read
 * &lt; "[caf]"                           what Node's run read there (a line per reading step)
 * &lt;+ "..."                            continues the expectation above (long readings break after each \n)
 * &lt;rhino&lt; "..."                       what an engine reads instead: a difference listed in docs/engines.md
 * expect 4                            read exactly 4 bytes
 * discard 655360                      read exactly that many bytes, recorded by count and SHA-1 only
 * skip "\n"                           read up to and including the text, recorded without what came before it
 * end                                 half-close (FIN) the client's side
 * eof                                 read until the handler closes: "rest" EOF, or "rest" RESET
 * open b / use a                      open a second connection named b / go back to the first (a)
 * udp "ping"  /  datagram             send a datagram / read one datagram
 * refuses rhino "for await"           that engine refuses the handler at load, with a reason containing the text
 * </pre>
 *
 * Reading steps wait at most {@link OracleClient#READ_TIMEOUT_MILLIS}; nothing sleeps.
 */
record OracleScript(String name, String title, String handler, List<Step> steps, List<Reading> readings,
                    Map<String, String> refusals) {

    /** One step of the client. */
    sealed interface Step {
    }

    record Send(byte[] bytes) implements Step { }

    record SendDatagram(byte[] bytes) implements Step { }

    record Until(byte[] marker) implements Step { }

    record Expect(int count) implements Step { }

    record Discard(int count) implements Step { }

    record Skip(byte[] marker) implements Step { }

    record Eof() implements Step { }

    record End() implements Step { }

    record ReadDatagram() implements Step { }

    record Open(String connection) implements Step { }

    record Use(String connection) implements Step { }

    /** What Node read at one reading step, and what engines that differ read instead. */
    record Reading(String expected, Map<String, String> differences) {
        String on(String runtime) {
            return differences.getOrDefault(runtime, expected);
        }
    }

    private static final Pattern DIFFERENCE = Pattern.compile("<(\\w+)< (.*)");

    static OracleScript parse(String name, String text) {
        String title = null;
        String handler = null;
        List<Step> steps = new ArrayList<>();
        List<Reading> readings = new ArrayList<>();
        Map<String, String> refusals = new LinkedHashMap<>();
        int lineNo = 0;
        int pendingReads = 0;
        String continues = null; // which expectation a "<+ " line continues: "" for Node's, else the engine's id
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            String where = name + ":" + lineNo + ": ";
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                if (title == null) {
                    title = line.substring(1).strip();
                }
                continue;
            }
            Matcher difference = DIFFERENCE.matcher(line);
            if (line.startsWith("<+ ")) {
                if (continues == null) {
                    throw new IllegalArgumentException(where + "'<+ ' continues an expectation; there is none above");
                }
                Reading last = readings.get(readings.size() - 1);
                String more = line.substring(3);
                if (continues.isEmpty()) {
                    readings.set(readings.size() - 1, new Reading(last.expected() + more, last.differences()));
                } else {
                    last.differences().merge(continues, more, String::concat);
                }
                continue;
            }
            continues = null;
            if (line.startsWith("< ")) {
                if (pendingReads != 1) {
                    throw new IllegalArgumentException(where + "an expectation must follow exactly one reading step");
                }
                readings.add(new Reading(line.substring(2), new LinkedHashMap<>()));
                pendingReads = 0;
                continues = "";
                continue;
            }
            if (difference.matches()) {
                if (readings.isEmpty() || pendingReads != 0) {
                    throw new IllegalArgumentException(where + "an engine's difference must follow Node's expectation");
                }
                readings.get(readings.size() - 1).differences().put(difference.group(1), difference.group(2));
                continues = difference.group(1);
                continue;
            }
            if (pendingReads != 0) {
                throw new IllegalArgumentException(where + "the reading step before has no '< ' expectation");
            }
            String[] words = line.split("\\s+", 2);
            String rest = words.length > 1 ? words[1] : "";
            Step step = switch (words[0]) {
                case "handler" -> {
                    handler = rest;
                    yield null;
                }
                case "refuses" -> {
                    String[] parts = rest.split("\\s+", 2);
                    refusals.put(parts[0], new String(bytes(parts[1], where), StandardCharsets.UTF_8));
                    yield null;
                }
                case "send" -> new Send(bytes(rest, where));
                case "udp" -> new SendDatagram(bytes(rest, where));
                case "until" -> new Until(bytes(rest, where));
                case "expect" -> new Expect(Integer.parseInt(rest));
                case "discard" -> new Discard(Integer.parseInt(rest));
                case "skip" -> new Skip(bytes(rest, where));
                case "eof" -> new Eof();
                case "end" -> new End();
                case "datagram" -> new ReadDatagram();
                case "open" -> new Open(rest);
                case "use" -> new Use(rest);
                default -> throw new IllegalArgumentException(where + "unknown step '" + words[0] + "'");
            };
            if (step != null) {
                steps.add(step);
                if (reads(step)) {
                    pendingReads = 1;
                }
            }
        }
        if (pendingReads != 0) {
            throw new IllegalArgumentException(name + ": the last reading step has no '< ' expectation");
        }
        if (handler == null || title == null) {
            throw new IllegalArgumentException(name + ": a script needs a '# title' line and a 'handler FILE' line");
        }
        return new OracleScript(name, title, handler, List.copyOf(steps), List.copyOf(readings), Map.copyOf(refusals));
    }

    static boolean reads(Step step) {
        return step instanceof Until || step instanceof Expect || step instanceof Discard || step instanceof Skip
                || step instanceof Eof
                || step instanceof ReadDatagram;
    }

    /** The expected readings on {@code runtime} ({@code node} or an engine id). */
    List<String> expectedOn(String runtime) {
        return readings.stream().map(r -> r.on(runtime)).toList();
    }

    /** The reason fragment the engine refuses the handler with, if it does. */
    Optional<String> refusalOn(String runtime) {
        return Optional.ofNullable(refusals.get(runtime));
    }

    /** A literal: {@code "text"} with escapes, or {@code hex 01 ff}. */
    static byte[] bytes(String literal, String where) {
        String s = literal.strip();
        if (s.startsWith("hex")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String h : s.substring(3).strip().split("\\s+")) {
                if (!h.isEmpty()) {
                    out.write(Integer.parseInt(h, 16));
                }
            }
            return out.toByteArray();
        }
        if (s.length() < 2 || !s.startsWith("\"") || !s.endsWith("\"")) {
            throw new IllegalArgumentException(where + "expected \"text\" or hex NN NN, got " + literal);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String body = s.substring(1, s.length() - 1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                int cp = body.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '\\', '"' -> out.write(e);
                case 'x' -> {
                    out.write(Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    int close = body.indexOf('}', i);
                    int cp = Integer.parseInt(body.substring(i + 2, close), 16);
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    i = close;
                }
                default -> throw new IllegalArgumentException(where + "unknown escape \\" + e);
            }
        }
        return out.toByteArray();
    }

    /**
     * Bytes in the form expectations are written in: a quoted literal, valid UTF-8 shown as text, anything else as
     * {@code \xNN}; or, when {@code hex}, as {@code hex 01 ff}.
     */
    static String render(byte[] bytes, boolean hex) {
        if (hex) {
            StringBuilder h = new StringBuilder("hex");
            for (byte b : bytes) {
                h.append(' ').append(String.format("%02x", b & 0xff));
            }
            return h.toString();
        }
        StringBuilder s = new StringBuilder("\"");
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int len = b >= 0xf0 && b < 0xf5 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 1;
            if (b >= 0x80 && len > 1 && i + len <= bytes.length && validUtf8(bytes, i, len)) {
                s.append(new String(bytes, i, len, StandardCharsets.UTF_8));
                i += len;
                continue;
            }
            switch (b) {
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '\\' -> s.append("\\\\");
                case '"' -> s.append("\\\"");
                default -> s.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
            }
            i++;
        }
        return s.append('"').toString();
    }

    private static boolean validUtf8(byte[] bytes, int at, int len) {
        for (int k = 1; k < len; k++) {
            if ((bytes[at + k] & 0xc0) != 0x80) {
                return false;
            }
        }
        String decoded = new String(bytes, at, len, StandardCharsets.UTF_8);
        int cp = decoded.codePointAt(0);
        return decoded.codePointCount(0, decoded.length()) == 1 && cp != 0xfffd && !Character.isISOControl(cp);
    }
}

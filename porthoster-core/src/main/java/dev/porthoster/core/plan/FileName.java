package dev.porthoster.core.plan;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.Protocol;
import dev.porthoster.core.manifest.Manifest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a file's name means to the broker. The grammar: a top-level {@code <name>.<tcp|udp>.<port>.port.js} is an
 * entry point, {@code <name>.<tcp|udp>.<port>.port.json} is its access manifest; any path with a component starting
 * with {@code _} or {@code .} is ignored; everything else is supporting code or data. A top-level name that almost
 * matches is a {@link NearMiss} with the reason, so that a typo never passes silently.
 */
public sealed interface FileName {

    /** A handler that opens {@link #spec()}. */
    record Handler(PortSpec spec) implements FileName { }

    /** The access manifest of the handler with the same {@link #spec()}. */
    record Manifest(PortSpec spec) implements FileName { }

    /** A top-level name that looks like an entry point or manifest but breaks the grammar; opens nothing. */
    record NearMiss(String reason) implements FileName { }

    /** Never synced, never opened: the name starts with {@code _} or {@code .}. */
    record Ignored() implements FileName { }

    /** Importable code or data; opens nothing. */
    record Supporting() implements FileName { }

    /** The suffix of an entry point's file name. */
    String HANDLER_SUFFIX = ".port.js";
    /** The suffix of a manifest's file name. */
    String MANIFEST_SUFFIX = ".port.json";

    /**
     * Classifies a file directly in the content root.
     *
     * @param fileName         the bare file name, e.g. {@code echo.tcp.7000.port.js}
     * @param serveUnderscored whether a leading {@code _} is served (dev mode) rather than ignored
     */
    static FileName ofTopLevel(String fileName, boolean serveUnderscored) {
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.startsWith(".") || (fileName.startsWith("_") && !serveUnderscored)) {
            return new Ignored();
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        boolean manifest;
        String suffix;
        if (lower.endsWith(HANDLER_SUFFIX)) {
            manifest = false;
            suffix = HANDLER_SUFFIX;
        } else if (lower.endsWith(MANIFEST_SUFFIX)) {
            manifest = true;
            suffix = MANIFEST_SUFFIX;
        } else {
            return new Supporting();
        }
        if (!fileName.endsWith(suffix)) {
            return new NearMiss("the suffix must be lowercase '" + suffix + "'");
        }
        String stem = fileName.substring(0, fileName.length() - suffix.length());
        String[] parts = stem.split("\\.", -1);
        String expected = "expected <name>.<tcp|udp>.<port>" + suffix;
        if (parts.length < 3) {
            return new NearMiss(expected);
        }
        if (parts.length > 3) {
            return new NearMiss("the name must not contain dots ('"
                    + String.join(".", java.util.Arrays.copyOf(parts, parts.length - 2)) + "'); " + expected);
        }
        Optional<String> nameProblem = nameProblem(parts[0], serveUnderscored);
        if (nameProblem.isPresent()) {
            return new NearMiss(nameProblem.get());
        }
        Optional<Protocol> protocol = Protocol.fromToken(parts[1]);
        if (protocol.isEmpty()) {
            return new NearMiss(Protocol.fromToken(parts[1].toLowerCase(Locale.ROOT)).isPresent()
                    ? "the protocol must be lowercase: '" + parts[1].toLowerCase(Locale.ROOT) + "', not '" + parts[1] + "'"
                    : "unknown protocol '" + parts[1] + "'; expected tcp or udp");
        }
        String portText = parts[2];
        Optional<String> portProblem = portProblem(portText);
        if (portProblem.isPresent()) {
            return new NearMiss(portProblem.get());
        }
        PortSpec spec = new PortSpec(parts[0], protocol.get(), Integer.parseInt(portText));
        return manifest ? new Manifest(spec) : new Handler(spec);
    }

    /** Classifies a file below the top level: only ignored or supporting. */
    static FileName ofNested(String fileName) {
        return fileName.startsWith("_") || fileName.startsWith(".") ? new Ignored() : new Supporting();
    }

    private static Optional<String> nameProblem(String name, boolean serveUnderscored) {
        if (name.isEmpty()) {
            return Optional.of("the name before the protocol is empty");
        }
        if (!Patterns.NAME.matcher(name).matches()) {
            return Optional.of("the name '" + name + "' may hold only letters, digits, '-' and '_'");
        }
        if (name.startsWith("_") && !serveUnderscored) {
            return Optional.of("the name must not start with '_'");
        }
        return Optional.empty();
    }

    private static Optional<String> portProblem(String text) {
        if (text.isEmpty()) {
            return Optional.of("the port is missing; expected a number 1–65535");
        }
        if (!Patterns.DIGITS.matcher(text).matches()) {
            return Optional.of("the port '" + text + "' is not a decimal number 1–65535");
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            return Optional.of("the port '" + text + "' has a leading zero; write it without one");
        }
        if (text.length() > 5 || Integer.parseInt(text) > 65535) {
            return Optional.of("port " + text + " is out of range 1–65535");
        }
        if (Integer.parseInt(text) == 0) {
            return Optional.of("port 0 is not a port a client can reach; use 1–65535");
        }
        return Optional.empty();
    }
}

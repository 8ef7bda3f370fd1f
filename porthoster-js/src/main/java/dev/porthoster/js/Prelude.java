package dev.porthoster.js;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JavaScript runtime every engine evaluates before a handler: {@code Buffer}, {@code EventEmitter}, timers,
 * {@code console}, the {@code conn} object and {@code ctx}. It is one file shared by all engines so that handler
 * behaviour cannot drift between them.
 *
 * <p>The file evaluates to a function {@code (host) => runtime}. {@code host} is the small set of native operations an
 * engine supplies (timers, log, shared-store calls, datagram replies); {@code runtime} is what the engine calls to
 * dispatch events. See the comment at the top of {@code prelude.js} for both shapes.
 */
public final class Prelude {

    /** The name engines give the prelude's source, so stack traces read {@code porthoster:prelude.js:LINE}. */
    public static final String SOURCE_NAME = "porthoster:prelude.js";

    private static final String SOURCE = read("prelude.js");

    private Prelude() {
    }

    /** The prelude's source text. */
    public static String source() {
        return SOURCE;
    }

    private static String read(String name) {
        try (InputStream in = Prelude.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("porthoster-js is missing its resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

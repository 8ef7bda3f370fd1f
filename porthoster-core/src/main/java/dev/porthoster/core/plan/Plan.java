package dev.porthoster.core.plan;

import dev.porthoster.api.PortSpec;
import dev.porthoster.core.manifest.Manifest;
import dev.porthoster.core.manifest.TlsMaterial;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a content root asks for, decided file by file: the entry points to serve and every refusal with its reason.
 * A plan is a value: {@link PlanScanner} makes one from the files and the {@link Options}; {@code porthoster check}
 * prints it and the broker serves it.
 *
 * @param root             the content root, absolute and normalized
 * @param entryPoints      the handlers to serve, by protocol then port
 * @param refusals         the files that open nothing although they look like they should, by file name
 * @param reserved         the reserved ports the plan was checked against
 * @param supportingFiles  how many files are importable code or data
 * @param ignoredPaths     how many top-level or nested paths were skipped for a leading {@code _} or {@code .}
 */
public record Plan(Path root, List<EntryPoint> entryPoints, List<Refusal> refusals, ReservedPorts reserved,
                   int supportingFiles, int ignoredPaths) {

    public Plan {
        entryPoints = List.copyOf(entryPoints);
        refusals = List.copyOf(refusals);
    }

    /**
     * A handler the broker will serve.
     *
     * @param spec     what its name declares
     * @param file     the handler file
     * @param manifest the access manifest beside it, if any
     * @param rules    the manifest's rules, or {@link Manifest#defaults()} without one
     * @param tls      the files of the rules' {@code tls}, read and checked; empty without {@code tls}, and for an entry
     *                 made by hand (a Java handler's), whose files the broker reads when it serves it
     */
    public record EntryPoint(PortSpec spec, Path file, Optional<Path> manifest, Manifest rules,
                             Optional<TlsMaterial> tls) {
        public EntryPoint {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(manifest, "manifest");
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(tls, "tls");
            if (tls.isPresent() && rules.tls().isEmpty()) {
                throw new IllegalArgumentException("TLS files given for rules that ask for no tls");
            }
        }

        /** An entry point whose TLS files, if its rules ask for any, are yet to be read. */
        public EntryPoint(PortSpec spec, Path file, Optional<Path> manifest, Manifest rules) {
            this(spec, file, manifest, rules, Optional.empty());
        }
    }

    /**
     * A file that opens nothing, and why, kept as data until it is shown: {@link #message()} renders it for a log or
     * the CLI.
     *
     * @param file        the file at fault
     * @param line        the 1-based line at fault, or 0 when the whole file is
     * @param reason      what is wrong and, where it helps, what to do; without the file, the line or the consequence
     * @param consequence what it means for the ports
     */
    public record Refusal(Path file, int line, String reason, Consequence consequence) {
        public Refusal {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(consequence, "consequence");
        }

        /** A refusal of {@code line} of a file for which nothing was opened. */
        public Refusal(Path file, int line, String reason) {
            this(file, line, reason, new Consequence.NothingOpened());
        }

        /** A refusal of a whole file for which nothing was opened. */
        public Refusal(Path file, String reason) {
            this(file, 0, reason);
        }

        /** The same refusal with another consequence. */
        public Refusal withConsequence(Consequence other) {
            return new Refusal(file, line, reason, other);
        }

        /**
         * {@code echo.tcp.70000.port.js: port 70000 is out of range 1–65535; nothing was opened}: file, line, reason,
         * consequence.
         */
        public String message() {
            return file.getFileName() + (line > 0 ? ":" + line : "") + ": " + reason + switch (consequence) {
                case Consequence.NothingOpened n -> "; nothing was opened";
                case Consequence.HandlerNotServed h -> "; so " + h.handler().getFileName()
                        + " is not served; nothing was opened";
                case Consequence.PreviousVersionServes p -> "; the previous version keeps serving";
            };
        }
    }

    /** What a refusal means for the ports. */
    public sealed interface Consequence {
        /** Nothing was opened for the file. */
        record NothingOpened() implements Consequence { }

        /**
         * The refused file is a manifest and keeps its handler from serving; nothing was opened.
         *
         * @param handler the handler beside the manifest
         */
        record HandlerNotServed(Path handler) implements Consequence {
            public HandlerNotServed {
                Objects.requireNonNull(handler, "handler");
            }
        }

        /** A new version of a serving handler (or of its manifest) was refused; the version already serving stays. */
        record PreviousVersionServes() implements Consequence { }
    }

    /**
     * How to read a content root.
     *
     * @param serveUnderscored whether top-level handlers starting with {@code _} are served (dev mode)
     * @param reserved         ports no handler may claim
     */
    public record Options(boolean serveUnderscored, ReservedPorts reserved) {
        public Options {
            Objects.requireNonNull(reserved, "reserved");
        }

        /** Production defaults: {@code _} files ignored, {@link ReservedPorts#defaults()}. */
        public static Options defaults() {
            return new Options(false, ReservedPorts.defaults());
        }
    }

    /** Whether nothing was refused. */
    public boolean isClean() {
        return refusals.isEmpty();
    }
}

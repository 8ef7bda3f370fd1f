package dev.porthoster.core.plan;

import dev.porthoster.api.PortSpec;
import dev.porthoster.core.internal.edge.TlsFiles;
import dev.porthoster.core.manifest.Manifest;
import dev.porthoster.core.manifest.ManifestException;
import dev.porthoster.core.manifest.ManifestParser;
import dev.porthoster.core.plan.Plan.EntryPoint;
import dev.porthoster.core.plan.Plan.Options;
import dev.porthoster.core.plan.Plan.Refusal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a content root into a {@link Plan}: lists it, applies the filename grammar, settles who claims which port and
 * parses each served handler's manifest. The plan is a pure function of the files found and the {@link Options}.
 */
public final class PlanScanner {

    private PlanScanner() {
    }

    /**
     * Scans {@code root}.
     *
     * @throws UncheckedIOException when the root cannot be listed
     * @throws IllegalArgumentException when {@code root} is not a directory
     */
    public static Plan scan(Path root, Options options) {
        return scan(root, options, Map.of());
    }

    /**
     * Scans {@code root}, keeping each protocol+port with the file already serving it ({@code incumbents}, by
     * {@link PortSpec#socketKey()}) even if a newcomer's file is older: the one already serving keeps the port.
     */
    public static Plan scan(Path root, Options options, Map<String, Path> incumbents) {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory; give the folder that holds your *.port.js files");
        }
        List<Path> topLevel;
        try (Stream<Path> list = Files.list(dir)) {
            topLevel = list.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the content root " + dir + ": " + e.getMessage(), e);
        }

        List<Refusal> refusals = new ArrayList<>();
        List<Candidate> handlers = new ArrayList<>();
        Map<PortSpec, Path> manifests = new HashMap<>();
        int[] supporting = {0};
        int[] ignored = {0};
        for (Path file : topLevel) {
            String name = file.getFileName().toString();
            boolean regular = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                if (FileName.ofTopLevel(name, options.serveUnderscored()) instanceof FileName.Manifest m) {
                    manifests.put(m.spec(), file); // a folder where the manifest should be: its handler is refused
                }
                if (FileName.ofNested(name) instanceof FileName.Ignored) {
                    ignored[0]++;
                } else {
                    countNested(file, supporting, ignored);
                }
                continue;
            }
            switch (FileName.ofTopLevel(name, options.serveUnderscored())) {
                case FileName.Ignored i -> ignored[0]++;
                case FileName.Supporting s -> supporting[0]++;
                case FileName.NearMiss miss -> refusals.add(new Refusal(file, miss.reason()));
                case FileName.Handler h when !regular ->
                        refusals.add(new Refusal(file, "an entry point must be a regular file, not a link or special file"));
                case FileName.Handler h -> handlers.add(new Candidate(h.spec(), file, modified(file)));
                // Whatever its type: the parser refuses a link, a directory or a FIFO unopened, and so its handler.
                case FileName.Manifest m -> manifests.put(m.spec(), file);
            }
        }

        // The file already serving keeps its protocol+port; among new claimants the earlier (by modification time,
        // then name) wins.
        handlers.sort(Comparator.comparing((Candidate c) -> !c.file().equals(incumbents.get(c.spec().socketKey())))
                .thenComparing(Candidate::modified).thenComparing(c -> c.file().getFileName().toString()));
        Map<String, Candidate> claims = new HashMap<>();
        Set<PortSpec> served = new HashSet<>();
        List<EntryPoint> entryPoints = new ArrayList<>();
        for (Candidate c : handlers) {
            String reservedReason = options.reserved().reasonFor(c.spec().port());
            Candidate owner = claims.get(c.spec().socketKey());
            if (reservedReason != null) {
                refusals.add(new Refusal(c.file(), reservedReason));
            } else if (owner != null) {
                refusals.add(new Refusal(c.file(), c.spec().socketKey() + " is already claimed by "
                        + owner.file().getFileName() + (owner.file().equals(incumbents.get(c.spec().socketKey()))
                        ? " (the file already serving keeps the port)" : " (the earlier file keeps the port)")
                        + "; rename one of them"));
            } else {
                claims.put(c.spec().socketKey(), c);
                served.add(c.spec());
                Optional<Path> manifest = Optional.ofNullable(manifests.get(c.spec()));
                try {
                    Manifest rules = manifest.isPresent() ? ManifestParser.parse(manifest.get()) : Manifest.defaults();
                    Optional<String> unsupported = unsupported(rules, c.spec());
                    if (unsupported.isPresent()) {
                        refusals.add(new Refusal(manifest.orElseThrow(), unsupported.get()));
                    } else if (rules.tls().isPresent()) {
                        try {
                            entryPoints.add(new EntryPoint(c.spec(), c.file(), manifest, rules,
                                    Optional.of(TlsFiles.load(dir, rules.tls().get(), Instant.now()))));
                        } catch (TlsFiles.Refused e) {
                            Path m = manifest.orElseThrow();
                            refusals.add(new Refusal(m, ManifestParser.lineOf(m, e.key()), e.reason(),
                                    new Plan.Consequence.HandlerNotServed(c.file())));
                        }
                    } else {
                        entryPoints.add(new EntryPoint(c.spec(), c.file(), manifest, rules));
                    }
                } catch (ManifestException e) {
                    refusals.add(new Refusal(e.file(), e.line(), e.reason(), new Plan.Consequence.HandlerNotServed(
                            c.file())));
                }
            }
        }
        for (Map.Entry<PortSpec, Path> m : manifests.entrySet()) {
            if (!served.contains(m.getKey()) && handlers.stream().noneMatch(c -> c.spec().equals(m.getKey()))) {
                refusals.add(new Refusal(m.getValue(), "this manifest has no handler "
                        + m.getKey().handlerFileName() + " beside it"));
            }
        }
        entryPoints.sort(Comparator.comparing((EntryPoint e) -> e.spec().protocol())
                .thenComparingInt(e -> e.spec().port()));
        refusals.sort(Comparator.comparing(r -> r.file().getFileName().toString()));
        return new Plan(dir, entryPoints, refusals, options.reserved(), supporting[0], ignored[0]);
    }

    /** Rules this build parses but cannot enforce yet: refused, so nothing is served with less protection than asked. */
    private static Optional<String> unsupported(Manifest rules, PortSpec spec) {
        boolean udp = spec.protocol() == dev.porthoster.api.Protocol.UDP;
        if (udp && rules.tls().isPresent()) {
            return Optional.of("tls: TLS is terminated for TCP handlers only (DTLS is not offered); remove 'tls' "
                    + "from a udp manifest");
        }
        if (udp && rules.proxyProtocol().isPresent()) {
            return Optional.of("proxyProtocol: PROXY headers are read on TCP ports only (this build does not take "
                    + "PROXY v2 on datagrams, see docs/edge.md); remove 'proxyProtocol' from a udp manifest");
        }
        if (spec.protocol() == dev.porthoster.api.Protocol.UDP && rules.idleTimeout().isPresent()) {
            return Optional.of("idleTimeout: applies to TCP connections only; remove it from a udp manifest");
        }
        return Optional.empty();
    }

    private record Candidate(PortSpec spec, Path file, FileTime modified) { }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    private static void countNested(Path dir, int[] supporting, int[] ignored) {
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                if (FileName.ofNested(p.getFileName().toString()) instanceof FileName.Ignored) {
                    ignored[0]++;
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    countNested(p, supporting, ignored);
                } else {
                    supporting[0]++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}

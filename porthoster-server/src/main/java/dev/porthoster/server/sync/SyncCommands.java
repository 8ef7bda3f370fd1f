package dev.porthoster.server.sync;

import dev.porthoster.core.Broker;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The deploy commands of {@code porthoster}: {@code sync}, {@code receive} and {@code status}, and what
 * {@code serve} needs to serve a deploy folder. {@link dev.porthoster.server.Main} hands these over.
 */
public final class SyncCommands {

    /** Where {@code sync} and {@code status} put and look for the tree when no folder is given. */
    public static final String DEFAULT_DIR = "/srv/porthoster";

    static final String SYNC_HELP = """
            Usage: porthoster sync ROOT [user@]host[:DIR] [options]

            Mirrors ROOT to DIR on the server (default /srv/porthoster) over SSH and prints what the broker serving
            DIR did: each port opened, reloaded (with the files that changed), kept or closed, and each refusal.
            Paths with a component starting with '_' or '.' stay here; files removed here are removed there.
            Only content the server lacks is sent; an interrupted sync resumes where it stopped.
            Exit status: 0 everything is served, 1 something was refused, 2 the sync failed (nothing changed).

            Options:
              --ssh CMD                 the ssh command line (default 'ssh'), e.g. --ssh "ssh -p 2222 -i key"
              --porthoster-path PROGRAM the porthoster command on the server (default 'porthoster')
              --dry-run                 show what would change; change nothing
              --force                   sync even when check refuses files here
              --rollback                serve the previous tree again (ROOT is not read)
              --engine graal|rhino      the engine the local check loads handlers with
              --help                    this help
            """;

    static final String RECEIVE_HELP = """
            Usage: porthoster receive DIR [options]

            The server side of 'porthoster sync', run by it over SSH; speaks on standard input and output.

            Options:
              --max-files N             files in a tree (default 10000)
              --max-file-bytes N        bytes in one file (default 67108864)
              --max-tree-bytes N        bytes in a tree (default 1073741824)
              --help                    this help
            """;

    static final String STATUS_HELP = """
            Usage: porthoster status [DIR] [--json]

            Asks the broker serving DIR (default /srv/porthoster) for each port: its handler, version, restarts
            and refusals by reason. Run it as the broker's user.

            Options:
              --json                    the same as JSON
              --help                    this help
            """;

    private SyncCommands() {
    }

    /** Whether {@code command} is one of these. */
    public static boolean handles(String command) {
        return command.equals("sync") || command.equals("receive") || command.equals("status");
    }

    /**
     * The folder a broker started with {@code serve ROOT} serves: {@code ROOT/current} when ROOT is a deploy folder or
     * an empty folder (which is laid out as one, serving nothing until the first sync), else ROOT itself.
     */
    public static Path servedRoot(Path root) throws IOException {
        DeployDir deploy = new DeployDir(root);
        if (deploy.isDeployFolder() || isEmpty(root)) {
            deploy.init();
            return deploy.current();
        }
        return root;
    }

    /**
     * Whether the broker serving {@code served} for {@code serve ROOT} watches its files: yes for a folder served as
     * it is, no for a deploy folder (served is {@code ROOT/current}), which changes only by sync. Its trees never
     * change, and a sync deletes old ones: a watcher would wake at that and reconcile on its own, racing the
     * request through the channel whose answer is the sync's report.
     */
    public static boolean watches(Path root, Path served) {
        return served.equals(root);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * Opens the local channel of a broker started with {@code serve ROOT}, in {@code ROOT/.porthoster}.
     *
     * @throws IOException when another broker already serves ROOT
     */
    public static AutoCloseable openChannel(Broker broker, Path root) throws IOException {
        return BrokerChannel.open(broker, new DeployDir(root).state());
    }

    /** Runs {@code sync}, {@code receive} or {@code status}; returns the exit status. */
    public static int run(String command, List<String> args, PrintStream out, PrintStream err) {
        try {
            return switch (command) {
                case "sync" -> sync(args, out, err);
                case "receive" -> receive(args, err);
                case "status" -> status(args, out, err);
                default -> throw new IllegalArgumentException(command);
            };
        } catch (UsageException e) {
            err.println("porthoster " + command + ": " + e.getMessage());
            err.println("Run 'porthoster " + command + " --help' for usage.");
            return 2;
        }
    }

    private static int sync(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Args a = Args.parse(args, List.of("--dry-run", "--force", "--rollback", "--help"),
                List.of("--ssh", "--porthoster-path", "--engine"));
        if (a.has("--help")) {
            out.print(SYNC_HELP);
            return 0;
        }
        boolean rollback = a.has("--rollback");
        if (a.positional.size() != (rollback ? 1 : 2) && !(rollback && a.positional.size() == 2)) {
            throw new UsageException(rollback ? "expected [ROOT] [user@]host[:DIR]" : "expected ROOT and [user@]host[:DIR]");
        }
        String target = a.positional.get(a.positional.size() - 1);
        Path root = a.positional.size() == 2 ? Path.of(a.positional.get(0)) : Path.of(".");
        if (!rollback && !Files.isDirectory(root)) {
            throw new UsageException(root + " is not a folder; give the folder that holds your *.port.js files");
        }
        String host = target;
        String dir = DEFAULT_DIR;
        int colon = target.startsWith("[") ? target.indexOf("]:") + 1 : target.indexOf(':');
        if (colon > 0) {
            host = target.substring(0, colon);
            dir = target.substring(colon + 1).isEmpty() ? DEFAULT_DIR : target.substring(colon + 1);
        }
        if (host.isEmpty() || host.startsWith("-")) {
            throw new UsageException("'" + target + "' does not name a host; expected [user@]host[:DIR]");
        }
        List<String> ssh = words(a.value("--ssh").orElse("ssh"));
        if (ssh.isEmpty()) {
            throw new UsageException("--ssh is empty; give the ssh command, such as \"ssh -p 2222\"");
        }
        SyncClient.Request request = new SyncClient.Request(root, host, dir, ssh,
                a.value("--porthoster-path").orElse("porthoster"), a.has("--dry-run"), a.has("--force"), rollback,
                a.value("--engine"));
        return new SyncClient(out, err).run(request);
    }

    private static int receive(List<String> args, PrintStream err) throws UsageException {
        Args a = Args.parse(args, List.of("--help"), List.of("--max-files", "--max-file-bytes", "--max-tree-bytes"));
        if (a.has("--help")) {
            err.print(RECEIVE_HELP);
            return 0;
        }
        if (a.positional.size() != 1) {
            throw new UsageException("expected one DIR, the deploy folder");
        }
        Limits limits;
        try {
            limits = new Limits(
                    (int) number(a, "--max-files", Limits.DEFAULTS.maxFiles()),
                    number(a, "--max-file-bytes", Limits.DEFAULTS.maxFileBytes()),
                    number(a, "--max-tree-bytes", Limits.DEFAULTS.maxTreeBytes()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        // Standard output is the protocol: nothing else may write to it.
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(err);
        return new Receiver(Path.of(a.positional.get(0)), limits).run(new FileInputStream(FileDescriptor.in), protocol);
    }

    private static long number(Args a, String flag, long fallback) throws UsageException {
        Optional<String> v = a.value(flag);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n < 0 || (flag.equals("--max-files") && n > Limits.FILE_CEILING)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " takes a whole number" + (flag.equals("--max-files") ? " up to "
                    + Limits.FILE_CEILING : "") + ", not '" + v.get() + "'");
        }
    }

    private static int status(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Args a = Args.parse(args, List.of("--json", "--help"), List.of());
        if (a.has("--help")) {
            out.print(STATUS_HELP);
            return 0;
        }
        if (a.positional.size() > 1) {
            throw new UsageException("expected at most one DIR");
        }
        DeployDir deploy = new DeployDir(Path.of(a.positional.isEmpty() ? DEFAULT_DIR : a.positional.get(0)));
        Optional<JsonNode> answer;
        try {
            answer = BrokerLink.ask(deploy.state(), "status");
        } catch (IOException e) {
            err.println("porthoster status: " + e.getMessage());
            return 2;
        }
        if (answer.isEmpty()) {
            err.println("porthoster status: no broker is serving " + deploy.dir() + " (nothing answers on "
                    + deploy.socket() + "); start one with 'porthoster serve " + deploy.dir() + "'");
            return 1;
        }
        if (a.has("--json")) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(answer.get()));
        } else {
            StatusText.print(out, answer.get());
        }
        return 0;
    }

    /** Splits a command line into words as a shell would for plain words and '...' or "..." quoting. */
    static List<String> words(String line) throws UsageException {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new UsageException("--ssh has an unclosed " + quote + " quote");
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }

    /** A command line that cannot be run as given. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Flags, options with values, and positional arguments. */
    private static final class Args {
        final List<String> positional = new ArrayList<>();
        final List<String> flags = new ArrayList<>();
        final java.util.Map<String, String> values = new java.util.HashMap<>();

        boolean has(String flag) {
            return flags.contains(flag);
        }

        Optional<String> value(String option) {
            return Optional.ofNullable(values.get(option));
        }

        static Args parse(List<String> args, List<String> flags, List<String> options) throws UsageException {
            Args a = new Args();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String value = null;
                if (arg.startsWith("--") && arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                    arg = arg.substring(0, arg.indexOf('='));
                }
                if (!arg.startsWith("-") || arg.equals("-")) {
                    a.positional.add(arg);
                } else if (flags.contains(arg) && value == null) {
                    a.flags.add(arg);
                } else if (options.contains(arg)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException(arg + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    a.values.put(arg, value);
                } else {
                    throw new UsageException("unknown option " + arg);
                }
            }
            return a;
        }
    }
}

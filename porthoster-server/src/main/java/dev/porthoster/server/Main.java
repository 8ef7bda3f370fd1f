package dev.porthoster.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.porthoster.core.Broker;
import dev.porthoster.core.HandlerCheck;
import dev.porthoster.core.HandlerStatus;
import dev.porthoster.core.manifest.Manifest;
import dev.porthoster.core.plan.Plan;
import dev.porthoster.core.plan.PlanScanner;
import dev.porthoster.core.plan.ReservedPorts;
import dev.porthoster.server.firewall.FirewallException;
import dev.porthoster.server.firewall.FirewallSync;
import dev.porthoster.server.firewall.Nftables;
import dev.porthoster.server.sync.SyncCommands;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code porthoster serve|dev|check ROOT [options]}. Exit status: 0 on success, 1 when {@code check} found refusals
 * or a server could not start, 2 on a usage error.
 */
public final class Main {

    static final String VERSION = "0.1.0-SNAPSHOT";

    private static final String USAGE = """
            porthoster — public ports, self-hosted. The filename is the port.

            Usage:
              porthoster serve ROOT [--bind ADDR] [--engine graal|rhino] [--allow-privileged-ports]
                                    [--callback-limit DURATION] [--firewall none|nftables]
              porthoster dev ROOT [--engine graal|rhino] [--callback-limit DURATION]
              porthoster check ROOT [--json] [--engine graal|rhino] [--no-load]
              porthoster sync ROOT [user@]host[:DIR] [--ssh CMD] [--porthoster-path PROGRAM] [--dry-run] [--force]
              porthoster sync --rollback [user@]host[:DIR]
              porthoster status [DIR] [--json]
              porthoster --version | --help

            A file ROOT/NAME.tcp.PORT.port.js serves TCP PORT with its handle(conn, ctx);
            ROOT/NAME.udp.PORT.port.js serves UDP PORT with its message(msg, rinfo, ctx).
            Run 'porthoster COMMAND --help' for a command's options. Docs: docs/README.md
            """;

    private static final String SERVE_HELP = """
            Usage: porthoster serve ROOT [options]

            Serves every entry point in ROOT until SIGTERM or SIGINT (Ctrl-C). Files and folders starting
            with '_' or '.' are ignored. An empty ROOT, or one 'porthoster sync' filled, is a deploy folder:
            ROOT/current is served and each sync swaps it (docs/deploy.md).

            Options:
              --bind ADDR               address every port binds to (default 0.0.0.0; '::' for IPv4 and IPv6)
              --engine graal|rhino      script engine (default: -Dporthoster.engine, else the best present)
              --allow-privileged-ports  allow ports 1-1023 (the process must also be allowed to bind them)
              --callback-limit DURATION longest a handler callback may run before the watchdog restarts the
                                        handler, e.g. 500ms or 2s, from 10ms to 60s (default 5s; a manifest's
                                        limits.callback wins)
              --firewall none|nftables  open the served ports in the OS firewall: 'nftables' keeps a table
                                        'inet porthoster' holding exactly the served ports, with each UDP
                                        manifest's rate.perSource enforced in the kernel; removed at exit.
                                        Needs the nft command and CAP_NET_ADMIN (default none)
              --help                    this help
            """;

    private static final String DEV_HELP = """
            Usage: porthoster dev ROOT [options]

            Serves ROOT on 127.0.0.1 only, including top-level '_'-prefixed handlers, for development.

            Options:
              --engine graal|rhino      script engine
              --callback-limit DURATION longest a handler callback may run (default 5s), as for serve
              --help                    this help
            """;

    private static final String CHECK_HELP = """
            Usage: porthoster check ROOT [options]

            Prints the plan for ROOT: each entry point with its protocol and port, and each refused file with
            the reason. Loads every handler to find syntax errors, bad imports and missing exports, without
            opening any port. Exits 1 when anything is refused.

            Options:
              --json                    the same plan as JSON
              --no-load                 check names only; do not load handlers
              --engine graal|rhino      the engine to load handlers with
              --help                    this help
            """;

    private final PrintStream out;
    private final PrintStream err;
    /** Released by the shutdown hook once the broker has closed. */
    private final Stopped stopped = new Stopped();

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        Main main = new Main(System.out, System.err);
        int status = main.run(args);
        if (status != RUNNING) {
            System.exit(status);
        }
        // Every loop thread is a daemon: the process lives as long as this thread waits.
        main.stopped.awaitUninterruptibly();
    }

    /** Returned by {@link #run} when a server was started and keeps the process alive. */
    static final int RUNNING = -1;

    int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("--version")) {
            out.println("porthoster " + VERSION);
            return 0;
        }
        String command = args[0];
        if (SyncCommands.handles(command)) {
            configureLogging();
            return SyncCommands.run(command, List.of(args).subList(1, args.length), out, err);
        }
        Options o;
        try {
            o = Options.parse(command, List.of(args).subList(1, args.length));
        } catch (UsageException e) {
            err.println("porthoster " + command + ": " + e.getMessage());
            err.println("Run 'porthoster " + (e.knownCommand ? command + " " : "") + "--help' for usage.");
            return 2;
        }
        if (o.help) {
            out.print(switch (command) {
                case "serve" -> SERVE_HELP;
                case "dev" -> DEV_HELP;
                default -> CHECK_HELP;
            });
            return 0;
        }
        if (!Files.isDirectory(o.root)) {
            err.println("porthoster " + command + ": " + o.root + " is not a directory; give the folder that holds "
                    + "your *.port.js files");
            return 2;
        }
        try {
            return switch (command) {
                case "check" -> check(o);
                case "serve", "dev" -> serve(command, o);
                default -> throw new IllegalStateException(command);
            };
        } catch (IllegalStateException e) {
            err.println("porthoster " + command + ": " + e.getMessage());
            return 1;
        }
    }

    private int check(Options o) {
        configureLogging();
        Plan plan = PlanScanner.scan(o.root, new Plan.Options(false, o.reserved()));
        HandlerCheck.Result loaded = o.noLoad ? new HandlerCheck.Result(List.of(), List.of())
                : HandlerCheck.check(plan, o.engine);
        List<Plan.Refusal> loadFailures = loaded.failures();
        if (o.json) {
            out.println(PlanJson.write(plan, loadFailures, loaded.differences()));
        } else {
            PlanText.print(out, plan, loadFailures, loaded.differences());
        }
        return plan.isClean() && loadFailures.isEmpty() ? 0 : 1;
    }

    private int serve(String command, Options o) {
        configureLogging();
        boolean dev = command.equals("dev");
        InetAddress bind = dev ? InetAddress.getLoopbackAddress() : o.bind;
        Path served = o.root;
        if (!dev) {
            try {
                served = SyncCommands.servedRoot(o.root);
            } catch (IOException e) {
                throw new IllegalStateException("cannot lay out " + o.root + " as a deploy folder: " + e.getMessage(), e);
            }
        }
        Broker.Builder builder = Broker.builder(served)
                .bindAddress(bind)
                .serveUnderscored(dev)
                .watch(dev || SyncCommands.watches(o.root, served))
                .reservedPorts(o.reserved());
        o.engine.ifPresent(builder::engine);
        o.callbackLimit.ifPresent(builder::callbackLimit);
        FirewallSync firewall = null;
        if (o.firewall.equals("nftables")) {
            try {
                firewall = new FirewallSync(Nftables.start(List.of("nft")));
            } catch (FirewallException e) {
                err.println("porthoster " + command + ": --firewall nftables: " + e.getMessage());
                return 1;
            }
            builder.listener(firewall::onEvent);
        }
        Broker broker = builder.build();
        FirewallSync openings = firewall;
        AutoCloseable[] channel = {null};
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeQuietly(channel[0]);
            broker.close();
            if (openings != null) {
                try {
                    openings.close();
                } catch (FirewallException e) {
                    err.println("porthoster: removing the firewall table failed: " + e.getMessage());
                }
            }
            stopped.release();
        }, "porthoster-shutdown"));
        Shutdown.onSignals(broker, stopped::release);
        broker.start();
        if (!dev) {
            try {
                channel[0] = SyncCommands.openChannel(broker, o.root);
            } catch (IOException e) {
                broker.close();
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        if (firewall != null) {
            try {
                firewall.follow(broker, Duration.ofSeconds(2));
            } catch (FirewallException e) {
                err.println("porthoster " + command + ": --firewall nftables: " + e.getMessage());
                return 1; // the shutdown hook closes the broker and removes the table on exit
            }
        }
        List<HandlerStatus> status = broker.status();
        out.println("porthoster " + VERSION + " " + command + " " + broker.contentRoot());
        out.println("engine: " + broker.engineDescription());
        if (!served.equals(o.root)) {
            out.println("deploy folder: serving " + served + ", which 'porthoster sync ROOT host:" + o.root
                    + "' fills; 'porthoster status " + o.root + "' shows what serves");
        }
        if (firewall != null) {
            out.println("firewall: nftables table 'inet porthoster' opens "
                    + FirewallSync.wanted(broker).stream().map(f -> f.key()).sorted().toList());
        }
        if (!exitsOnOutOfMemory()) {
            out.println("warning: this JVM was started without -XX:+ExitOnOutOfMemoryError; if its heap ever runs out it "
                    + "may live on unable to serve. Start through ./porthoster, or add the options in bin/jvm-options.");
        }
        for (HandlerStatus s : status) {
            switch (s) {
                case HandlerStatus.Serving serving -> out.printf("  %-4s %-22s %s%s%n", serving.spec().protocol().token(),
                        hostPort(serving), serving.file().getFileName(),
                        serving.instances() > 1 ? "  (" + serving.instances() + " copies)" : "");
                case HandlerStatus.Refused refused -> out.println("  refused  " + refused.reason());
            }
        }
        if (status.stream().noneMatch(s -> s instanceof HandlerStatus.Serving)) {
            out.println("nothing to serve yet: " + (served.equals(o.root) ? "add a file such as echo.tcp.7000.port.js to "
                    + broker.contentRoot() : "sync a folder to " + o.root));
        }
        out.println((served.equals(o.root) ? "Watching " + broker.contentRoot() + " for changes."
                : "Following syncs to " + o.root + ": each is applied when its receive asks, through "
                + o.root.resolve(".porthoster/broker.sock") + ".") + " Ctrl-C to stop (twice to stop at once).");
        out.flush();
        return RUNNING;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            // shutting down anyway
        }
    }

    /** Whether a heap exhaustion ends the process (bin/jvm-options), so a supervisor can restart it. */
    private static boolean exitsOnOutOfMemory() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return vm != null && Boolean.parseBoolean(vm.getVMOption("ExitOnOutOfMemoryError").getValue());
    }

    private static String hostPort(HandlerStatus.Serving s) {
        String host = s.address().getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + s.address().getPort();
    }

    private static void configureLogging() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new OneLineFormatter());
        console.setLevel(Level.ALL);
        root.addHandler(console);
        root.setLevel(Boolean.getBoolean("porthoster.debug") ? Level.FINE : Level.INFO);
    }

    /** A one-shot latch the main thread waits on. */
    private static final class Stopped {
        private final CountDownLatch latch = new CountDownLatch(1);

        void release() {
            latch.countDown();
        }

        void awaitUninterruptibly() {
            while (true) {
                try {
                    latch.await();
                    return;
                } catch (InterruptedException e) {
                    // keep serving until the shutdown hook releases us
                }
            }
        }
    }

    /** The parsed options of one command. */
    private static final class Options {
        Path root;
        boolean help;
        boolean json;
        boolean noLoad;
        boolean allowPrivileged;
        InetAddress bind;
        Optional<String> engine = Optional.empty();
        Optional<Duration> callbackLimit = Optional.empty();
        String firewall = "none";

        ReservedPorts reserved() {
            return new ReservedPorts(ReservedPorts.defaults().named(), allowPrivileged);
        }

        static Options parse(String command, List<String> args) throws UsageException {
            Set<String> flags = switch (command) {
                case "serve" -> Set.of("--bind", "--engine", "--allow-privileged-ports", "--callback-limit", "--firewall",
                        "--help");
                case "dev" -> Set.of("--engine", "--callback-limit", "--help");
                case "check" -> Set.of("--json", "--engine", "--no-load", "--help");
                default -> throw new UsageException("unknown command '" + command + "'; expected serve, dev, check, sync, receive or status", false);
            };
            Options o = new Options();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String value = null;
                if (a.startsWith("--") && a.contains("=")) {
                    value = a.substring(a.indexOf('=') + 1);
                    a = a.substring(0, a.indexOf('='));
                }
                if (!a.startsWith("-")) {
                    positional.add(a);
                    continue;
                }
                if (!flags.contains(a)) {
                    throw new UsageException("unknown option " + a, true);
                }
                switch (a) {
                    case "--help" -> o.help = true;
                    case "--json" -> o.json = true;
                    case "--no-load" -> o.noLoad = true;
                    case "--allow-privileged-ports" -> o.allowPrivileged = true;
                    default -> {
                        if (value == null) {
                            if (i + 1 >= args.size()) {
                                throw new UsageException(a + " needs a value", true);
                            }
                            value = args.get(++i);
                        }
                        switch (a) {
                            case "--engine" -> o.engine = Optional.of(value);
                            case "--bind" -> o.bind = address(value);
                            case "--callback-limit" -> o.callbackLimit = Optional.of(callbackLimit(value));
                            case "--firewall" -> {
                                if (!value.equals("none") && !value.equals("nftables")) {
                                    throw new UsageException("--firewall takes none or nftables, not '" + value + "'",
                                            true);
                                }
                                o.firewall = value;
                            }
                            default -> throw new IllegalStateException(a);
                        }
                    }
                }
            }
            if (o.help) {
                return o;
            }
            if (positional.size() != 1) {
                throw new UsageException(positional.isEmpty() ? "missing ROOT, the folder to serve"
                        : "expected one ROOT, got " + positional, true);
            }
            o.root = Path.of(positional.get(0));
            if (o.bind == null) {
                o.bind = address("0.0.0.0");
            }
            return o;
        }

        private static InetAddress address(String text) throws UsageException {
            if (!text.matches("[0-9A-Fa-f:.]+")) {
                throw new UsageException("--bind takes an IP address such as 0.0.0.0, ::, or 127.0.0.1, not '" + text + "'", true);
            }
            try {
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                throw new UsageException("--bind: '" + text + "' is not an IP address", true);
            }
        }

        private static Duration callbackLimit(String text) throws UsageException {
            Optional<Duration> limit = Manifest.Limits.parseCallback(text);
            if (limit.isEmpty()) {
                throw new UsageException("--callback-limit takes " + Manifest.Limits.CALLBACK_FORM + ", not '" + text + "'",
                        true);
            }
            return limit.get();
        }
    }

    /** A command line that cannot be run as given. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean knownCommand;

        UsageException(String message, boolean knownCommand) {
            super(message);
            this.knownCommand = knownCommand;
        }
    }
}

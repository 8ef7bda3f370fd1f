package dev.porthoster.core.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads manifest v1 strictly: the JSON must be an object of known keys with values of the documented form. Every
 * error names the file, the line and the key, and says what was expected.
 */
public final class ManifestParser {

    /** A manifest larger than this is refused rather than read. */
    static final int MAX_BYTES = 64 * 1024;
    /** At most this many blocks in {@code allow}, {@code deny} or {@code proxyProtocol.trusted}. */
    static final int MAX_BLOCKS = 4096;
    /** At most this many entries in {@code connect}. */
    static final int MAX_DESTINATIONS = 256;
    /** Upper bound for {@code instances}. */
    static final int MAX_INSTANCES = 256;
    /** At most this many protocols in {@code tls.alpn}. */
    static final int MAX_ALPN = 16;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern RATE = Pattern.compile("([0-9]{1,9})/(s|m|h)");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");
    private static final Pattern ALPN_ID = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Set<String> TOP = Set.of("allow", "deny", "connections", "rate", "idleTimeout", "tls",
            "proxyProtocol", "instances", "limits", "connect");

    private final Path file;
    private final Map<String, Integer> lines = new HashMap<>();

    private ManifestParser(Path file) {
        this.file = file;
    }

    /** Reads and validates {@code file}. */
    public static Manifest parse(Path file) throws ManifestException {
        return new ManifestParser(file).read();
    }

    /**
     * The 1-based line of {@code key} ({@code tls.cert}, {@code allow[2]}) in a manifest, or 0 when it cannot be told;
     * for errors found after parsing, such as a certificate the key names.
     */
    public static int lineOf(Path file, String key) {
        ManifestParser p = new ManifestParser(file);
        try {
            p.recordLines(p.readText());
        } catch (ManifestException | JacksonException e) {
            return 0;
        }
        return p.lines.getOrDefault(key, 0);
    }

    private Manifest read() throws ManifestException {
        String text = readText();
        JsonNode root;
        try {
            recordLines(text);
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String msg = e.getOriginalMessage().lines().findFirst().orElse("");
            // Jackson appends where the enclosing array or object began, in a form meant for developers.
            msg = msg.replaceAll("\\s*\\(for (Array|Object) starting at .*$", "").replaceAll("\\s*at \\[Source.*$", "");
            throw new ManifestException(file, line, "not valid JSON: " + msg);
        }
        if (root == null || !root.isObject()) {
            throw fail("", "the manifest must be a JSON object such as {\"allow\": [\"0.0.0.0/0\"]}");
        }
        unknownKeys(root, "", TOP);
        Manifest d = Manifest.defaults();
        List<Cidr> allow = root.has("allow") ? blocks(root.get("allow"), "allow") : d.allow();
        List<Cidr> deny = root.has("deny") ? blocks(root.get("deny"), "deny") : d.deny();
        Manifest.Connections connections = root.has("connections") ? connections(root.get("connections")) : d.connections();
        Manifest.Rates rates = root.has("rate") ? rates(root.get("rate")) : d.rate();
        Optional<Duration> idle = root.has("idleTimeout")
                ? Optional.of(duration(root.get("idleTimeout"), "idleTimeout")) : Optional.empty();
        Optional<Manifest.Tls> tls = root.has("tls") ? Optional.of(tls(root.get("tls"))) : Optional.empty();
        Optional<List<Cidr>> proxy = root.has("proxyProtocol") ? Optional.of(proxy(root.get("proxyProtocol"))) : Optional.empty();
        int instances = root.has("instances") ? integer(root.get("instances"), "instances", 1, MAX_INSTANCES) : 1;
        Manifest.Limits limits = root.has("limits") ? limits(root.get("limits")) : Manifest.Limits.NONE;
        List<Destination> connect = root.has("connect") ? destinations(root.get("connect")) : List.of();
        return new Manifest(allow, deny, connections, rates, idle, tls, proxy, instances, limits, connect);
    }

    /**
     * The manifest's text. The file type is checked before the file is opened, without following links: a FIFO would
     * block the open until a writer came, a link could point anywhere. At most {@link #MAX_BYTES} are read, even if
     * the file grows between the check and the read.
     */
    private String readText() throws ManifestException {
        byte[] bytes;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new ManifestException(file, 0, "the manifest is " + kindOf(attributes)
                        + "; a manifest must be a regular file (links are not followed)");
            }
            if (attributes.size() > MAX_BYTES) {
                throw tooLarge();
            }
            try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
        } catch (IOException e) {
            throw new ManifestException(file, 0, "cannot read the manifest: " + e.getMessage());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestException(file, 0, "the manifest is not UTF-8 text");
        }
    }

    private ManifestException tooLarge() {
        return new ManifestException(file, 0, "the manifest is larger than " + (MAX_BYTES / 1024)
                + " KiB; a manifest holds a few rules, not data");
    }

    private static String kindOf(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (attributes.isDirectory()) {
            return "a directory";
        }
        return "a FIFO or other special file";
    }

    /** Remembers the line of every key and array element, by path ({@code rate.perSource}, {@code allow[2]}). */
    private void recordLines(String text) {
        try (JsonParser p = MAPPER.createParser(text)) {
            Deque<Object> path = new ArrayDeque<>(); // String key or int[] index
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (!path.isEmpty() && path.peek() instanceof int[] idx && t != JsonToken.END_ARRAY) {
                    idx[0]++;
                    lines.putIfAbsent(pathText(path), p.currentTokenLocation().getLineNr());
                }
                switch (t) {
                    case PROPERTY_NAME -> {
                        path.push(p.currentName());
                        lines.putIfAbsent(pathText(path), p.currentTokenLocation().getLineNr());
                    }
                    case START_ARRAY -> path.push(new int[] {-1});
                    case START_OBJECT -> path.push(Boolean.TRUE);
                    case END_ARRAY, END_OBJECT -> {
                        path.pop();
                        if (!path.isEmpty() && path.peek() instanceof String) {
                            path.pop();
                        }
                    }
                    default -> {
                        if (!path.isEmpty() && path.peek() instanceof String) {
                            path.pop();
                        }
                    }
                }
            }
        }
    }

    private static String pathText(Deque<Object> path) {
        StringBuilder sb = new StringBuilder();
        var it = path.descendingIterator();
        while (it.hasNext()) {
            Object o = it.next();
            if (o instanceof String s) {
                sb.append(sb.isEmpty() ? "" : ".").append(s);
            } else if (o instanceof int[] i && it.hasNext()) {
                sb.append('[').append(i[0]).append(']');
            } else if (o instanceof int[] i) {
                sb.append('[').append(i[0]).append(']');
            }
        }
        return sb.toString().replace(".[", "[");
    }

    private ManifestException fail(String key, String reason) {
        return new ManifestException(file, lines.getOrDefault(key, 0), key.isEmpty() ? reason : key + ": " + reason);
    }

    private void unknownKeys(JsonNode object, String prefix, Set<String> known) throws ManifestException {
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) {
                String key = prefix.isEmpty() ? name : prefix + "." + name;
                throw fail(key, "unknown key; " + (prefix.isEmpty() ? "a manifest" : "'" + prefix + "'")
                        + " may have only " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private List<Cidr> blocks(JsonNode node, String key) throws ManifestException {
        if (!node.isArray()) {
            throw fail(key, "expected an array of address blocks such as [\"203.0.113.0/24\", \"2001:db8::/32\"], got "
                    + kind(node));
        }
        if (node.size() > MAX_BLOCKS) {
            throw fail(key, "more than " + MAX_BLOCKS + " blocks; merge them into wider prefixes");
        }
        List<Cidr> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemKey = key + "[" + i + "]";
            if (!item.isString()) {
                throw fail(itemKey, "expected a string such as \"203.0.113.0/24\", got " + kind(item));
            }
            Optional<String> problem = Cidr.problem(item.stringValue());
            if (problem.isPresent()) {
                throw fail(itemKey, problem.get());
            }
            out.add(Cidr.parse(item.stringValue()).orElseThrow());
        }
        return out;
    }

    private List<Destination> destinations(JsonNode node) throws ManifestException {
        if (!node.isArray()) {
            throw fail("connect", "expected an array of destinations such as [\"10.0.0.5:6379\", \"[::1]:53\", "
                    + "\"192.0.2.0/24:443\"], got " + kind(node));
        }
        if (node.size() > MAX_DESTINATIONS) {
            throw fail("connect", "more than " + MAX_DESTINATIONS + " destinations; use address blocks");
        }
        List<Destination> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemKey = "connect[" + i + "]";
            if (!item.isString()) {
                throw fail(itemKey, "expected a string " + Destination.FORM + ", got " + kind(item));
            }
            Optional<String> problem = Destination.problem(item.stringValue());
            if (problem.isPresent()) {
                throw fail(itemKey, problem.get());
            }
            out.add(Destination.parse(item.stringValue()).orElseThrow());
        }
        return out;
    }

    private Manifest.Connections connections(JsonNode node) throws ManifestException {
        object(node, "connections", "{\"max\": 1000, \"perSource\": 20}");
        unknownKeys(node, "connections", Set.of("max", "perSource"));
        int max = node.has("max") ? integer(node.get("max"), "connections.max", 1, 1_000_000) : Manifest.Connections.DEFAULT.max();
        int perSource = node.has("perSource") ? integer(node.get("perSource"), "connections.perSource", 1, 1_000_000)
                : Math.min(max, Manifest.Connections.DEFAULT.perSource());
        if (perSource > max) {
            throw fail("connections.perSource", "is " + perSource + ", more than connections.max (" + max
                    + "); a source can never have more than the port allows");
        }
        return new Manifest.Connections(max, perSource);
    }

    private Manifest.Rates rates(JsonNode node) throws ManifestException {
        object(node, "rate", "{\"perSource\": \"20/s\", \"burst\": 40, \"global\": \"2000/s\"}");
        unknownKeys(node, "rate", Set.of("perSource", "burst", "global"));
        Optional<Manifest.Rate> perSource = node.has("perSource") ? Optional.of(rate(node.get("perSource"), "rate.perSource")) : Optional.empty();
        Optional<Manifest.Rate> global = node.has("global") ? Optional.of(rate(node.get("global"), "rate.global")) : Optional.empty();
        long burst;
        if (node.has("burst")) {
            if (perSource.isEmpty()) {
                throw fail("rate.burst", "is the size of the per-source bucket; set rate.perSource too");
            }
            burst = integer(node.get("burst"), "rate.burst", 1, 1_000_000);
        } else {
            burst = perSource.map(Manifest.Rate::count).orElse(0L);
        }
        return new Manifest.Rates(perSource, burst, global);
    }

    private Manifest.Rate rate(JsonNode node, String key) throws ManifestException {
        Matcher m = node.isString() ? RATE.matcher(node.stringValue()) : null;
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) < 1) {
            throw fail(key, "expected a rate such as \"20/s\", \"600/m\" or \"10000/h\" (a whole number of at least 1), got "
                    + show(node));
        }
        Duration per = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            default -> Duration.ofHours(1);
        };
        return new Manifest.Rate(Long.parseLong(m.group(1)), per);
    }

    private Duration duration(JsonNode node, String key) throws ManifestException {
        Matcher m = node.isString() ? DURATION.matcher(node.stringValue()) : null;
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) < 1) {
            throw fail(key, "expected a duration such as \"30s\", \"5m\", \"1h\" or \"500ms\", got " + show(node));
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (d.compareTo(Duration.ofDays(7)) > 0) {
            throw fail(key, "is longer than 7 days; omit idleTimeout to never close idle connections");
        }
        return d;
    }

    private Manifest.Limits limits(JsonNode node) throws ManifestException {
        object(node, "limits", "{\"callback\": \"200ms\", \"memory\": \"64MiB\"}");
        unknownKeys(node, "limits", Set.of("callback", "memory"));
        Optional<Duration> callback = Optional.empty();
        if (node.has("callback")) {
            JsonNode c = node.get("callback");
            callback = c.isString() ? Manifest.Limits.parseCallback(c.stringValue()) : Optional.empty();
            if (callback.isEmpty()) {
                throw fail("limits.callback", "expected " + Manifest.Limits.CALLBACK_FORM + ", got " + show(c));
            }
        }
        OptionalLong memory = OptionalLong.empty();
        if (node.has("memory")) {
            JsonNode m = node.get("memory");
            memory = m.isString() ? Manifest.Limits.parseMemory(m.stringValue()) : OptionalLong.empty();
            if (memory.isEmpty()) {
                throw fail("limits.memory", "expected " + Manifest.Limits.MEMORY_FORM + ", got " + show(m));
            }
        }
        return new Manifest.Limits(callback, memory);
    }

    private Manifest.Tls tls(JsonNode node) throws ManifestException {
        object(node, "tls", "{\"cert\": \"certs/echo.pem\", \"key\": \"certs/echo.key\"}");
        unknownKeys(node, "tls", Set.of("cert", "key", "alpn", "clientAuth"));
        String cert = relativePath(node.get("cert"), "tls.cert");
        String key = relativePath(node.get("key"), "tls.key");
        List<String> alpn = node.has("alpn") ? alpn(node.get("alpn")) : List.of();
        Optional<Manifest.ClientAuth> clientAuth = node.has("clientAuth")
                ? Optional.of(clientAuth(node.get("clientAuth"))) : Optional.empty();
        return new Manifest.Tls(cert, key, alpn, clientAuth);
    }

    /** ALPN protocol ids: printable ASCII, 1 to 255 bytes (RFC 7301), no duplicates, at most {@link #MAX_ALPN}. */
    private List<String> alpn(JsonNode node) throws ManifestException {
        if (!node.isArray() || node.isEmpty()) {
            throw fail("tls.alpn", "expected a non-empty array of protocol names such as [\"h2\", \"http/1.1\"], got "
                    + kind(node));
        }
        if (node.size() > MAX_ALPN) {
            throw fail("tls.alpn", "more than " + MAX_ALPN + " protocols; offer the ones your handler speaks");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemKey = "tls.alpn[" + i + "]";
            if (!item.isString() || !ALPN_ID.matcher(item.stringValue()).matches()) {
                throw fail(itemKey, "expected a protocol name of 1 to 255 printable ASCII characters such as \"h2\", "
                        + "got " + show(item));
            }
            if (out.contains(item.stringValue())) {
                throw fail(itemKey, show(item) + " is listed twice");
            }
            out.add(item.stringValue());
        }
        return out;
    }

    private Manifest.ClientAuth clientAuth(JsonNode node) throws ManifestException {
        object(node, "tls.clientAuth", "{\"ca\": \"certs/clients-ca.pem\", \"mode\": \"require\"}");
        unknownKeys(node, "tls.clientAuth", Set.of("ca", "mode"));
        String ca = relativePath(node.get("ca"), "tls.clientAuth.ca");
        Manifest.ClientAuth.Mode mode = Manifest.ClientAuth.Mode.REQUIRE;
        if (node.has("mode")) {
            JsonNode m = node.get("mode");
            if (m.isString() && m.stringValue().equals("require")) {
                mode = Manifest.ClientAuth.Mode.REQUIRE;
            } else if (m.isString() && m.stringValue().equals("request")) {
                mode = Manifest.ClientAuth.Mode.REQUEST;
            } else {
                throw fail("tls.clientAuth.mode", "expected \"require\" (clients without a certificate are refused) or "
                        + "\"request\" (they are served), got " + show(m));
            }
        }
        return new Manifest.ClientAuth(ca, mode);
    }

    private String relativePath(JsonNode node, String key) throws ManifestException {
        if (node == null) {
            throw fail(key.substring(0, key.lastIndexOf('.')), "needs '" + key.substring(key.lastIndexOf('.') + 1) + "'");
        }
        if (!node.isString() || node.stringValue().isEmpty()) {
            throw fail(key, "expected a path relative to the content root such as \"certs/echo.pem\", got " + show(node));
        }
        Path p = Path.of(node.stringValue()).normalize();
        if (p.isAbsolute() || p.startsWith("..")) {
            throw fail(key, "must be a path inside the content root, not " + show(node));
        }
        return node.stringValue();
    }

    private List<Cidr> proxy(JsonNode node) throws ManifestException {
        object(node, "proxyProtocol", "{\"trusted\": [\"10.0.0.0/8\"]}");
        unknownKeys(node, "proxyProtocol", Set.of("trusted"));
        if (!node.has("trusted")) {
            throw fail("proxyProtocol", "needs 'trusted', the load balancers allowed to send a PROXY header");
        }
        return blocks(node.get("trusted"), "proxyProtocol.trusted");
    }

    private void object(JsonNode node, String key, String example) throws ManifestException {
        if (!node.isObject()) {
            throw fail(key, "expected an object such as " + example + ", got " + kind(node));
        }
    }

    private int integer(JsonNode node, String key, int min, int max) throws ManifestException {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw fail(key, "expected a whole number from " + min + " to " + max + ", got " + show(node));
        }
        return node.intValue();
    }

    private static String show(JsonNode node) {
        String s = node.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return show(node);
    }
}

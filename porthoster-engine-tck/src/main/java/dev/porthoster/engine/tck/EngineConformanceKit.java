package dev.porthoster.engine.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.testkit.HandlerTestKit;
import dev.porthoster.testkit.TestConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every script engine must show, as a suite any engine runs by extending this class and naming itself
 * in {@link #engineId()}. Each test writes a small handler file and drives it through {@link HandlerTestKit}; the
 * expected transcripts are Node's.
 */
public abstract class EngineConformanceKit {

    /** The id of the engine under test, e.g. {@code graal}. */
    protected abstract String engineId();

    @TempDir
    Path root;

    /** Writes {@code source} as {@code fileName} in the content root and returns its path. */
    protected Path write(String fileName, String source) throws IOException {
        Path file = root.resolve(fileName);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
        return file;
    }

    /** Outbound traffic: {@code net.connect} and {@code ctx.udp} to the manifest's {@code connect} list. */
    @Nested
    class Outbound extends OutboundConformance {
        @Override
        protected String engineId() {
            return EngineConformanceKit.this.engineId();
        }
    }

    /** Loads {@code fileName} on the engine under test. */
    protected HandlerTestKit start(String fileName) {
        return HandlerTestKit.load(root.resolve(fileName)).engine(engineId()).start();
    }

    @Test
    void tcpHandlerGreetsAndEchoes() throws IOException {
        write("echo.tcp.7000.port.js", """
                export function handle(conn, ctx) {
                  conn.write(`hello from :${ctx.port}\\n`);
                  conn.on('data', (chunk) => conn.write(chunk));
                }
                """);
        try (HandlerTestKit kit = start("echo.tcp.7000.port.js")) {
            TestConnection conn = kit.connect("203.0.113.7", 40000);
            assertEquals("hello from :7000\n", conn.read());
            assertEquals("hi there\n", conn.send("hi there\n").read());
        }
    }

    @Test
    void ctxDescribesThePortFromTheFileName() throws IOException {
        write("who-am-i.tcp.7123.port.js", """
                export function handle(conn, ctx) {
                  conn.end(`${ctx.name} ${ctx.protocol} ${ctx.port} ${typeof ctx.signal.aborted}\\n`);
                }
                """);
        try (HandlerTestKit kit = start("who-am-i.tcp.7123.port.js")) {
            assertEquals("who-am-i tcp 7123 boolean\n", kit.connect("127.0.0.1", 1).read());
        }
    }

    @Test
    void connKnowsItsPeerLikeNetSocket() throws IOException {
        write("peer.tcp.7000.port.js", """
                export function handle(conn) {
                  conn.end(`${conn.remoteAddress} ${conn.remotePort} ${conn.remoteFamily} ${conn.localPort}\\n`);
                }
                """);
        try (HandlerTestKit kit = start("peer.tcp.7000.port.js")) {
            assertEquals("198.51.100.9 51000 IPv4 7000\n", kit.connect("198.51.100.9", 51000).read());
            assertEquals("::1 51001 IPv6 7000\n", kit.connect("::1", 51001).read());
        }
    }

    @Test
    void setEncodingDeliversStringsAndEndFollowsThePeersFin() throws IOException {
        write("upper.tcp.7000.port.js", """
                export function handle(conn) {
                  conn.setEncoding('utf8');
                  let all = '';
                  conn.on('data', (s) => { all += typeof s + ':' + s; });
                  conn.on('end', () => conn.write(all.toUpperCase()));
                }
                """);
        try (HandlerTestKit kit = start("upper.tcp.7000.port.js")) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            conn.send("héllo ").send("wörld").end();
            assertEquals("STRING:HÉLLO STRING:WÖRLD", conn.read());
            assertTrue(conn.handlerEnded(), "after the peer's FIN a default net.Socket ends its side too");
            assertTrue(conn.isClosed());
        }
    }

    @Test
    void closeEventFiresOnceWhenThePeerGoesAway() throws IOException {
        write("closer.tcp.7000.port.js", """
                export function handle(conn, ctx) {
                  conn.on('error', (e) => ctx.log.info('error ' + e.code));
                  conn.on('close', (hadError) => ctx.log.info('close ' + hadError));
                }
                """);
        try (HandlerTestKit kit = start("closer.tcp.7000.port.js")) {
            kit.connect("127.0.0.1", 1).abort();
            assertEquals(List.of("INFO error ECONNRESET", "INFO close true"), kit.log());
        }
    }

    @Test
    void asyncHandlerAwaitsBeforeReading() throws IOException {
        write("later.tcp.7000.port.js", """
                export async function handle(conn, ctx) {
                  await ctx.shared.set('seen', { n: 1 });
                  const v = await ctx.shared.get('seen');
                  conn.on('data', (d) => conn.write(`${v.n}:${d}`));
                }
                """);
        try (HandlerTestKit kit = start("later.tcp.7000.port.js")) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            assertEquals("1:early", conn.send("early").read(), "data that arrives before a listener is buffered");
        }
    }

    @Test
    void throwingHandlerClosesOnlyThatConnectionAndIsLogged() throws IOException {
        write("picky.tcp.7000.port.js", """
                export function handle(conn) {
                  conn.on('data', (d) => {
                    if (String(d) === 'boom') throw new Error('I do not like boom');
                    conn.write('ok ' + d);
                  });
                }
                """);
        try (HandlerTestKit kit = start("picky.tcp.7000.port.js")) {
            TestConnection bad = kit.connect("127.0.0.1", 1);
            TestConnection good = kit.connect("127.0.0.1", 2);
            bad.send("boom");
            assertTrue(bad.isClosed());
            assertTrue(kit.log().stream().anyMatch(l -> l.startsWith("ERROR") && l.contains("I do not like boom")),
                    () -> "log: " + kit.log());
            assertEquals("ok fine", good.send("fine").read());
        }
    }

    @Test
    void rejectedAsyncHandlerClosesThatConnection() throws IOException {
        write("reject.tcp.7000.port.js", """
                export async function handle(conn) {
                  await null;
                  throw new TypeError('nope');
                }
                """);
        try (HandlerTestKit kit = start("reject.tcp.7000.port.js")) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            assertTrue(conn.isClosed());
            assertTrue(kit.log().stream().anyMatch(l -> l.contains("TypeError: nope")), () -> "log: " + kit.log());
        }
    }

    @Test
    void timersRunOnTheVirtualClock() throws IOException {
        write("tick.tcp.7000.port.js", """
                export function handle(conn) {
                  let n = 0;
                  const t = setInterval(() => { conn.write(`tick ${++n}\\n`); if (n === 3) clearInterval(t); }, 1000);
                  setTimeout(() => conn.write('half\\n'), 1500);
                }
                """);
        try (HandlerTestKit kit = start("tick.tcp.7000.port.js")) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            assertEquals("", conn.read());
            kit.advance(1000);
            assertEquals("tick 1\n", conn.read());
            kit.advance(10_000);
            assertEquals("half\ntick 2\ntick 3\n", conn.read());
            assertEquals(0, kit.loop().pendingTimers());
        }
    }

    @Test
    void udpHandlerRepliesToTheSender() throws IOException {
        write("counter.udp.9000.port.js", """
                let n = 0;
                export function message(msg, rinfo, ctx) {
                  ctx.reply(`pong #${++n} ${msg} ${rinfo.address} ${rinfo.family} ${rinfo.size}`, rinfo);
                }
                """);
        try (HandlerTestKit kit = start("counter.udp.9000.port.js")) {
            List<HandlerTestKit.Reply> first = kit.send("192.0.2.1", 5353, "ping");
            assertEquals(1, first.size());
            assertEquals("pong #1 ping 192.0.2.1 IPv4 4", first.get(0).text());
            assertEquals(5353, first.get(0).to().getPort());
            assertEquals("pong #2 ping 192.0.2.1 IPv4 4", kit.send("192.0.2.1", 5353, "ping").get(0).text());
        }
    }

    @Test
    void replyGoesOnlyToAPeerThatSentThisPortADatagramInTheLastMinute() throws IOException {
        write("peers.udp.9000.port.js", """
                const attempt = (ctx, to) => {
                  try { ctx.reply('x', to); return 'sent'; } catch (e) { return `${e.name}: ${e.message}`; }
                };
                export function message(msg, rinfo, ctx) {
                  const what = String(msg);
                  if (what === 'stranger') ctx.reply(attempt(ctx, { address: '198.51.100.7', port: 53 }), rinfo);
                  else if (what === 'name') ctx.reply(attempt(ctx, { address: 'localhost', port: rinfo.port }), rinfo);
                  else if (what === 'later') {
                    setTimeout(() => ctx.log.info('after 59 s: ' + attempt(ctx, rinfo)), 59_000);
                    setTimeout(() => ctx.log.info('after 61 s: ' + attempt(ctx, rinfo)), 61_000);
                  }
                }
                """);
        try (HandlerTestKit kit = start("peers.udp.9000.port.js")) {
            List<HandlerTestKit.Reply> replies = kit.send("192.0.2.1", 5353, "stranger");
            assertEquals(1, replies.size(), "nothing went to the stranger");
            assertEquals("Error: ctx.reply: 198.51.100.7:53 has not sent this port a datagram in the last 60 s; "
                    + "replies go only to peers", replies.get(0).text());
            assertEquals(5353, replies.get(0).to().getPort());
            replies = kit.send("2001:db8::1", 5353, "name");
            assertEquals(1, replies.size());
            assertEquals("Error: ctx.reply: \"localhost\" is not an IP address; replies go to rinfo.address as "
                    + "message() received it, and host names are never looked up", replies.get(0).text());
            assertEquals(List.of(), kit.send("192.0.2.1", 5353, "later"));
            kit.advance(59_000);
            kit.advance(2_000);
            assertEquals(List.of("INFO after 59 s: sent", "INFO after 61 s: Error: ctx.reply: 192.0.2.1:5353 has not "
                    + "sent this port a datagram in the last 60 s; replies go only to peers"), kit.log());
        }
    }

    @Test
    void throwingMessageDropsOnlyThatDatagram() throws IOException {
        write("fragile.udp.9000.port.js", """
                export function message(msg, rinfo, ctx) {
                  if (String(msg) === 'bad') throw new Error('bad datagram');
                  ctx.reply('ok', rinfo);
                }
                """);
        try (HandlerTestKit kit = start("fragile.udp.9000.port.js")) {
            assertEquals(List.of(), kit.send("192.0.2.1", 1, "bad"));
            assertEquals("ok", kit.send("192.0.2.1", 1, "good").get(0).text());
            assertTrue(kit.log().stream().anyMatch(l -> l.contains("bad datagram")), () -> "log: " + kit.log());
        }
    }

    @Test
    void sharedStoreCopiesValuesAndCounts() throws IOException {
        write("store.tcp.7000.port.js", """
                export async function handle(conn, ctx) {
                  const v = { list: [1, 2], bytes: Buffer.from('hi') };
                  await ctx.shared.set('k', v);
                  v.list.push(3);
                  const back = await ctx.shared.get('k');
                  const a = await ctx.shared.increment('n');
                  const b = await ctx.shared.increment('n', 5);
                  const keys = await ctx.shared.keys('');
                  const had = await ctx.shared.delete('k');
                  conn.end(`${back.list.length} ${Buffer.isBuffer(back.bytes)} ${back.bytes} ${a} ${b} ${keys.join(',')} ${had} ${await ctx.shared.has('k')}`);
                }
                """);
        try (HandlerTestKit kit = start("store.tcp.7000.port.js")) {
            assertEquals("2 true hi 1 6 k,n true false", kit.connect("127.0.0.1", 1).read());
        }
    }

    @Test
    void publishReachesSubscribersUntilTheyUnsubscribe() throws IOException {
        write("pubsub.tcp.7000.port.js", """
                export function handle(conn, ctx) {
                  conn.setEncoding('utf8');
                  const off = ctx.shared.subscribe('room', (m) => conn.write(`got ${m.text}\\n`));
                  conn.on('data', (d) => {
                    if (d === 'leave') off(); else ctx.shared.publish('room', { text: d });
                  });
                }
                """);
        try (HandlerTestKit kit = start("pubsub.tcp.7000.port.js")) {
            TestConnection a = kit.connect("127.0.0.1", 1);
            TestConnection b = kit.connect("127.0.0.1", 2);
            a.send("hello");
            assertEquals("got hello\n", a.read());
            assertEquals("got hello\n", b.read());
            b.send("leave");
            a.send("again");
            kit.runPending();
            assertEquals("got again\n", a.read());
            assertEquals("", b.read());
        }
    }

    @Test
    void bufferBehavesLikeNodes() throws IOException {
        write("buf.tcp.7000.port.js", """
                import { Buffer as B } from 'node:buffer';
                export function handle(conn) {
                  const b = Buffer.from('héllo');
                  const out = [
                    B === Buffer, b.length, b.toString('hex'), b.toString('base64'),
                    Buffer.from('aGk=', 'base64').toString(), Buffer.concat([Buffer.from('a'), Buffer.from('bc')]).toString(),
                    b.slice(1, 3).toString('hex'), b.indexOf('llo'), b.includes('x'),
                    Buffer.alloc(4).fill(1).readUInt32BE(0), (() => { const w = Buffer.alloc(8); w.writeBigInt64LE(-2n); return w.readBigInt64LE(); })(),
                    Buffer.byteLength('€'), Buffer.from([1, 2]).equals(Buffer.from([1, 2])), JSON.stringify(Buffer.from('A')),
                  ];
                  conn.end(out.join('|'));
                }
                """);
        try (HandlerTestKit kit = start("buf.tcp.7000.port.js")) {
            assertEquals("true|6|68c3a96c6c6f|aMOpbGxv|hi|abc|c3a9|3|false|16843009|-2|3|true|{\"type\":\"Buffer\",\"data\":[65]}",
                    kit.connect("127.0.0.1", 1).read());
        }
    }

    @Test
    void handlersImportSiblingFilesAndNodeEvents() throws IOException {
        write("lib/greet.js", "export const greet = (who) => `hi ${who}`;\n");
        write("imp.tcp.7000.port.js", """
                import { greet } from './lib/greet.js';
                import { EventEmitter } from 'node:events';
                export function handle(conn) {
                  const e = new EventEmitter();
                  e.once('x', (v) => conn.end(greet(v)));
                  e.emit('x', 'there');
                  e.emit('x', 'twice');
                }
                """);
        try (HandlerTestKit kit = start("imp.tcp.7000.port.js")) {
            assertEquals("hi there", kit.connect("127.0.0.1", 1).read());
        }
    }

    @Test
    void importsCannotLeaveTheContentRootOrReachIgnoredFiles() throws IOException {
        write("_secret.js", "export const s = 'secret';\n");
        write("escape.tcp.7000.port.js", "import { s } from './_secret.js';\nexport function handle(c) {}\n");
        HandlerTestKit.HandlerLoadFailed e = assertThrows(HandlerTestKit.HandlerLoadFailed.class,
                () -> start("escape.tcp.7000.port.js"));
        assertTrue(e.getMessage().contains("_secret.js"), e.getMessage());
        write("up.tcp.7001.port.js", "import x from '../../../../../../etc/passwd';\nexport function handle(c) {}\n");
        HandlerTestKit.HandlerLoadFailed up = assertThrows(HandlerTestKit.HandlerLoadFailed.class,
                () -> start("up.tcp.7001.port.js"));
        assertTrue(up.getMessage().contains("outside the content root"), up.getMessage());
    }

    /** A named pipe: opening it for reading blocks until a writer comes, so an engine that opens it hangs. */
    private static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo " + path);
        return path;
    }

    @Test
    void importThroughASymlinkedFolderLeadingOutsideTheRootIsRefusedWithoutOpeningIt() throws Exception {
        Path outside = Files.createDirectories(root.resolve("elsewhere"));
        mkfifo(outside.resolve("x.js")); // opening it would hang: a prompt refusal proves it was never opened
        Files.writeString(outside.resolve("y.js"), "export const y = 'leaked';\n");
        write("site/out.tcp.7000.port.js", "import { x } from './lib/x.js';\nexport function handle(c) {}\n");
        write("site/file.tcp.7001.port.js", "import { y } from './y.js';\nexport function handle(c) {}\n");
        Files.createSymbolicLink(root.resolve("site/lib"), outside);
        Files.createSymbolicLink(root.resolve("site/y.js"), outside.resolve("y.js"));
        HandlerTestKit.HandlerLoadFailed dir = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(HandlerTestKit.HandlerLoadFailed.class, () -> start("site/out.tcp.7000.port.js")));
        assertTrue(dir.getMessage().startsWith("out.tcp.7000.port.js:1: cannot import './lib/x.js': lib/x.js leads "
                + "through a symbolic link to "), dir.getMessage());
        assertTrue(dir.getMessage().endsWith(", outside the content root; handlers may import only files inside site"),
                dir.getMessage());
        HandlerTestKit.HandlerLoadFailed file = assertThrows(HandlerTestKit.HandlerLoadFailed.class,
                () -> start("site/file.tcp.7001.port.js"));
        assertTrue(file.getMessage().startsWith("file.tcp.7001.port.js:1: cannot import './y.js': y.js leads through a "
                + "symbolic link to "), file.getMessage());
    }

    @Test
    void importOfAFifoIsRefusedPromptlyWithTheReason() throws Exception {
        write("pipe.tcp.7000.port.js", "\nimport { x } from './lib/x.js';\nexport function handle(c) {}\n");
        mkfifo(Files.createDirectories(root.resolve("lib")).resolve("x.js"));
        HandlerTestKit.HandlerLoadFailed e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(HandlerTestKit.HandlerLoadFailed.class, () -> start("pipe.tcp.7000.port.js")),
                "opening a FIFO blocks until a writer comes; the engine must never open it");
        assertEquals("pipe.tcp.7000.port.js:2: cannot import './lib/x.js': lib/x.js is a FIFO, a device or another "
                + "special file; handlers import regular files only (it was not opened)", e.getMessage());
    }

    @Test
    void aPackageImportIsRefusedWithFileLineAndTheFix() throws IOException {
        write("pkg.tcp.7000.port.js", "import { EventEmitter } from 'node:events';\nimport _ from 'lodash';\n"
                + "export function handle(c) {}\n");
        HandlerTestKit.HandlerLoadFailed e = assertThrows(HandlerTestKit.HandlerLoadFailed.class,
                () -> start("pkg.tcp.7000.port.js"));
        assertEquals("pkg.tcp.7000.port.js:2: cannot import 'lodash': handlers import files by relative path "
                + "('./lib/x.js') or node:assert, node:assert/strict, node:buffer, node:crypto, node:events, node:net, "
                + "node:stream, node:stream/promises, node:string_decoder, node:timers, node:timers/promises, node:url and "
                + "node:util; there are no packages", e.getMessage());
    }

    @Test
    void syntaxErrorIsReportedWithFileAndLine() throws IOException {
        write("broken.tcp.7000.port.js", "export function handle(conn) {\n  conn.write('a');\n  let x = = 2;\n}\n");
        HandlerTestKit.HandlerLoadFailed e = assertThrows(HandlerTestKit.HandlerLoadFailed.class,
                () -> start("broken.tcp.7000.port.js"));
        assertTrue(e.getMessage().startsWith("broken.tcp.7000.port.js:3: SyntaxError"), e.getMessage());
    }

    @Test
    void missingExportIsReportedWithTheFix() throws IOException {
        write("nohandle.tcp.7000.port.js", "export function message() {}\n");
        HandlerTestKit.HandlerLoadFailed e = assertThrows(HandlerTestKit.HandlerLoadFailed.class,
                () -> start("nohandle.tcp.7000.port.js"));
        assertTrue(e.getMessage().contains("must export a function 'handle'"), e.getMessage());
    }

    @Test
    void openAndCloseRunWithTheContext() throws IOException {
        write("life.tcp.7000.port.js", """
                export async function open(ctx) { await ctx.shared.set('opened', ctx.name); }
                export function handle(conn) { conn.end('x'); }
                export function close(ctx) { ctx.log.info('closing, aborted=' + ctx.signal.aborted); }
                """);
        HandlerTestKit kit = start("life.tcp.7000.port.js");
        assertEquals("\"life\"", kit.shared().get("opened").toCompletableFuture().join().orElseThrow());
        kit.abort("reload").close();
        assertEquals(List.of("INFO closing, aborted=true"), kit.log());
    }

    @Test
    void throwingOpenRefusesTheHandler() throws IOException {
        write("badopen.tcp.7000.port.js", """
                export function open() { throw new Error('no database'); }
                export function handle(conn) { }
                """);
        HandlerTestKit.HandlerLoadFailed e = assertThrows(HandlerTestKit.HandlerLoadFailed.class,
                () -> start("badopen.tcp.7000.port.js"));
        assertTrue(e.getMessage().contains("no database"), e.getMessage());
    }

    @Test
    void runawayCallbackIsStoppedAndTheHandlerKeepsServing() throws IOException {
        write("spin.tcp.7000.port.js", """
                export function handle(conn) {
                  conn.on('data', (d) => {
                    if (String(d) === 'spin') { while (true) {} }
                    conn.write('alive');
                  });
                }
                """);
        try (HandlerTestKit kit = HandlerTestKit.load(root.resolve("spin.tcp.7000.port.js"))
                .engine(engineId()).watchdogMillis(300).start()) {
            TestConnection spinner = kit.connect("127.0.0.1", 1);
            spinner.send("spin");
            assertTrue(spinner.isClosed(), "the connection whose callback ran away is closed");
            assertTrue(kit.log().stream().anyMatch(l -> l.contains("watchdog")), () -> "log: " + kit.log());
            assertEquals("alive", kit.connect("127.0.0.1", 2).send("x").read());
        }
    }

    @Test
    void endlessMicrotaskChainsAndPromiseLoopsAreStoppedByTheWatchdog() throws IOException {
        write("chain.tcp.7000.port.js", """
                export function handle(conn) {
                  conn.on('data', async (d) => {
                    if (String(d) === 'microtasks') { const again = () => queueMicrotask(again); again(); }
                    if (String(d) === 'promises') { for (;;) { await null; } }
                    conn.write('alive');
                  });
                }
                """);
        try (HandlerTestKit kit = HandlerTestKit.load(root.resolve("chain.tcp.7000.port.js"))
                .engine(engineId()).watchdogMillis(1000).start()) {
            TestConnection microtasks = kit.connect("127.0.0.1", 1);
            microtasks.send("microtasks");
            assertTrue(microtasks.isClosed(), "the connection whose microtasks never ended is closed");
            TestConnection c2 = kit.connect("127.0.0.1", 2);
            assertTrue(!c2.isClosed(), () -> "log: " + kit.log());
            assertEquals("alive", c2.send("x").read());
            TestConnection promises = kit.connect("127.0.0.1", 3);
            promises.send("promises");
            assertTrue(promises.isClosed(), "the connection whose promise loop never ended is closed");
            assertEquals(2, kit.log().stream().filter(l -> l.contains("watchdog")).count(), () -> "log: " + kit.log());
            kit.advance(1_000);
            assertEquals("alive", kit.connect("127.0.0.1", 4).send("x").read());
        }
    }

    @Test
    void aHandlerThatKeepsRunningAwayRestartsLaterEachTime() throws IOException {
        write("spin.tcp.7000.port.js", """
                export function handle(conn) {
                  conn.on('data', (d) => {
                    if (String(d) === 'spin') { while (true) {} }
                    conn.write('alive');
                  });
                }
                """);
        try (HandlerTestKit kit = HandlerTestKit.load(root.resolve("spin.tcp.7000.port.js"))
                .engine(engineId()).watchdogMillis(200).start()) {
            kit.connect("127.0.0.1", 1).send("spin");
            assertEquals("alive", kit.connect("127.0.0.1", 2).send("x").read(), "the first restart is immediate");
            kit.connect("127.0.0.1", 3).send("spin");
            assertTrue(kit.connect("127.0.0.1", 4).wasReset(), "the second stop in a row backs off: new work is reset");
            assertTrue(kit.log().stream().anyMatch(l -> l.contains("restarting in 1 s")), () -> "log: " + kit.log());
            kit.advance(1_000);
            assertEquals("alive", kit.connect("127.0.0.1", 5).send("x").read(), "back after 1 s");
            kit.connect("127.0.0.1", 6).send("spin");
            kit.advance(1_999);
            assertTrue(kit.connect("127.0.0.1", 7).wasReset(), "the third stop in a row waits 2 s");
            kit.advance(1);
            assertEquals("alive", kit.connect("127.0.0.1", 8).send("x").read());
        }
    }

    @Test
    void handlersCannotReachJavaOrTheProcess() throws IOException {
        write("sandbox.tcp.7000.port.js", """
                export function handle(conn) {
                  const probes = [
                    typeof Java, typeof Packages, typeof process, typeof require, typeof java, typeof load,
                    typeof JavaException,
                  ];
                  conn.end(probes.join(','));
                }
                """);
        try (HandlerTestKit kit = start("sandbox.tcp.7000.port.js")) {
            assertEquals("undefined,undefined,undefined,undefined,undefined,undefined,undefined", kit.connect("127.0.0.1", 1).read());
        }
    }

    @Test
    void writeReportsBackpressureAndDrainFollows() throws IOException {
        write("flood.tcp.7000.port.js", """
                export function handle(conn) {
                  const ok = conn.write(Buffer.alloc(100));
                  conn.write(ok ? '|no-pressure' : '|pressure');
                  conn.on('drain', () => conn.end('|drained'));
                }
                """);
        try (HandlerTestKit kit = HandlerTestKit.load(root.resolve("flood.tcp.7000.port.js"))
                .engine(engineId()).highWaterMark(64).start()) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            assertTrue(conn.read().endsWith("|pressure"));
            assertFalse(conn.handlerEnded());
            conn.drain();
            assertEquals("|drained", conn.read());
            assertTrue(conn.handlerEnded());
        }
    }

    @Test
    void peerFinClosesAConnectionWhoseHandlerNeverReads() throws IOException {
        write("greet.tcp.7000.port.js", "export function handle(conn) { conn.write('served'); }\n");
        try (HandlerTestKit kit = start("greet.tcp.7000.port.js")) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            assertEquals("served", conn.read());
            conn.end();
            assertTrue(conn.isClosed(), "as in Node: with nothing unread, 'end' fires and the socket closes");
        }
    }

    @Test
    void sourcesListTheHandlerAndWhatItImports() throws IOException {
        write("lib/a.js", "export const a = 1;\n");
        write("lib/unused.js", "export const u = 1;\n");
        write("src.tcp.7000.port.js", "import { a } from './lib/a.js';\nexport function handle(c) { c.end(String(a)); }\n");
        try (HandlerTestKit kit = start("src.tcp.7000.port.js")) {
            assertEquals(java.util.Set.of(root.resolve("src.tcp.7000.port.js").toAbsolutePath().normalize(),
                    root.resolve("lib/a.js").toAbsolutePath().normalize()), kit.sources());
        }
    }

    @Test
    void modernSyntaxRunsUnchanged() throws IOException {
        write("lib/shapes.js", """
                import { EventEmitter } from 'node:events';
                export class Counter extends EventEmitter {
                  count = 0;
                  static created = 0;
                  constructor(step = 1) { super(); this.step = step; Counter.created++; }
                  get next() { return this.count + this.step; }
                  bump() { this.count = this.next; this.emit('bumped', this.count); return this; }
                  async later(ms) { await new Promise((r) => setTimeout(r, ms)); return this.bump().count; }
                  static describe(c) { return `Counter(${c.count})`; }
                }
                export class Loud extends Counter {
                  bump() { super.bump(); return this; }
                  toString() { return 'LOUD ' + Counter.describe(this); }
                }
                export default (...xs) => Math.max(...xs);
                """);
        write("modern.tcp.7000.port.js", """
                import max, { Counter, Loud } from './lib/shapes.js';
                export async function handle(conn) {
                  const c = new Loud(2);
                  const seen = [];
                  c.on('bumped', (n) => seen.push(n));
                  c.bump();
                  const after = await c.later(10);
                  const pairs = [];
                  for (const [k, v] of new Map([['a', 1], ['b', 2]])) pairs.push(`${k}=${v}`);
                  const fresh = [];
                  for (let i = 0; i < 3; i++) { const doubled = i * 2; fresh.push(doubled); }
                  const o = { a: { b: null }, ...{ s: 'spread' } };
                  conn.end([
                    String(c), after, seen.join(','), Counter.created, c instanceof Counter, pairs.join('&'),
                    fresh.join(','), o.a?.b ?? 'dflt', o.s, max(3, 9, 4), `${await Promise.resolve('t')}pl`,
                  ].join('|'));
                }
                """);
        try (HandlerTestKit kit = start("modern.tcp.7000.port.js")) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            kit.advance(10);
            assertEquals("LOUD Counter(4)|4|2,4|1|true|a=1&b=2|0,2,4|dflt|spread|9|tpl", conn.read());
        }
    }

    @Test
    void restParametersTryCatchFinallyAndAwaitBehaveAsInNode() throws IOException {
        write("rest.tcp.7000.port.js", """
                import { EventEmitter } from 'node:events';
                async function attempt(fail) {
                  try {
                    if (await fail) throw new Error('boom');
                    return 'ok';
                  } catch (e) {
                    return `caught ${e.message}`;
                  } finally {
                    steps.push('finally');
                  }
                }
                const steps = [];
                export async function handle(conn) {
                  const joined = ((...xs) => xs.join('-'))(...['a', 'b'], 'c');
                  const e = new EventEmitter();
                  e.on('evt', (first, ...rest) => steps.push(`${first}+${rest.length}`));
                  e.emit('evt', 1, 2, 3);
                  const results = [await attempt(true), await attempt(false)];
                  const sum = await [1, 2, 3].reduce(async (acc, n) => (await acc) + n, 0);
                  conn.end([joined, ...results, sum, Math.max.apply(null, [4, 8, 2]), steps.join(',')].join('|'));
                }
                """);
        try (HandlerTestKit kit = start("rest.tcp.7000.port.js")) {
            assertEquals("a-b-c|caught boom|ok|6|8|1+2,finally,finally", kit.connect("127.0.0.1", 1).read());
        }
    }

    @Test
    void closuresMadeInLoopsSeeTheirOwnIteration() throws IOException {
        write("loops.tcp.7000.port.js", """
                export function handle(conn) {
                  const seen = [];
                  const later = [];
                  for (let i = 0; i < 3; i++) later.push(() => `i${i}`);
                  for (const x of ['a', 'b']) { later.push(() => x); }
                  for (const [k, v] of new Map([['k', 1], ['l', 2]])) { later.push(() => k + v); }
                  for (const key in { p: 1, q: 2 }) { setTimeout(() => seen.push(key), 1); }
                  for (let j = 0; j < 5; j++) { if (j === 1) { j += 2; continue; } later.push(() => `j${j}`); }
                  setTimeout(() => conn.end(later.map((f) => f()).join(',') + '|' + seen.join(',')), 5);
                }
                """);
        try (HandlerTestKit kit = start("loops.tcp.7000.port.js")) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            kit.advance(10);
            assertEquals("i0,i1,i2,a,b,k1,l2,j0,j4|p,q", conn.read());
        }
    }

    @Test
    void aRunawayCannotCatchOrOutliveTheWatchdog() throws IOException {
        write("stubborn.tcp.7000.port.js", """
                export async function handle(conn) {
                  conn.on('data', async (d) => {
                    if (String(d) === 'spin') {
                      for (;;) {
                        try { while (true) {} } catch (e) { /* swallowing it must not help */ } finally { }
                      }
                    }
                    await null;
                    conn.write('alive');
                  });
                }
                """);
        try (HandlerTestKit kit = HandlerTestKit.load(root.resolve("stubborn.tcp.7000.port.js"))
                .engine(engineId()).watchdogMillis(300).start()) {
            TestConnection spinner = kit.connect("127.0.0.1", 1);
            spinner.send("spin");
            assertTrue(spinner.isClosed(), "the connection whose callback ran away is closed");
            assertEquals("alive", kit.connect("127.0.0.1", 2).send("x").read());
        }
    }

    @Test
    void aNewlineInTheLogCannotForgeALine() throws IOException {
        write("forge.tcp.7000.port.js", """
                export function handle(conn, ctx) {
                  ctx.log('hello\\n2026-11-24 21:40:01.123 INFO  [admin.tcp.1] FORGED');
                  console.error('bell\\u0007 esc\\u001b[2J cr\\r tab\\t ls\\u2028 nel\\u0085 bidi\\u202e');
                  ctx.log.warn({ text: 'in\\nan object' });
                  conn.on('data', () => { throw new Error('two\\nlines'); });
                }
                """);
        try (HandlerTestKit kit = start("forge.tcp.7000.port.js")) {
            kit.connect("127.0.0.1", 1).send("x");
            List<String> log = kit.log();
            assertEquals(List.of(
                    "INFO hello\\n2026-11-24 21:40:01.123 INFO  [admin.tcp.1] FORGED",
                    "ERROR bell\\x07 esc\\x1b[2J cr\\r tab\\t ls\\u2028 nel\\x85 bidi\\u202e"), log.subList(0, 2));
            assertTrue(log.get(2).startsWith("WARN { text: ") && log.get(2).contains("in\\nan object"), log.get(2));
            assertEquals(4, log.size(), () -> "the uncaught error is one line too: " + log);
            assertTrue(log.get(3).contains("Error: two\\nlines"), log.get(3));
            assertTrue(log.stream().noneMatch(l -> l.chars().anyMatch(c -> c < 0x20 || c == 0x2028)), () -> "raw: " + log);
        }
    }

    @Test
    void aHugeLogLineIsCutWithANote() throws IOException {
        write("long.tcp.7000.port.js", "export function handle(conn, ctx) { ctx.log('x'.repeat(100000)); conn.end(); }\n");
        try (HandlerTestKit kit = start("long.tcp.7000.port.js")) {
            kit.connect("127.0.0.1", 1);
            assertEquals(List.of("INFO " + "x".repeat(8192) + " ... [cut: 91808 more characters]"), kit.log());
        }
    }

    @Test
    void aHandlerLoggingInATightLoopIsRateLimitedOnTheVirtualClock() throws IOException {
        write("spam.tcp.7000.port.js", """
                export function handle(conn, ctx) {
                  for (let i = 0; i < 10000; i++) console.log('spam ' + i);
                  setTimeout(() => ctx.log('later'), 3000);
                }
                """);
        // The rule under test is the log's rate limit, not the watchdog: 10,000 lines in one callback can take longer
        // than the default 5 s on an interpreter-only engine on a loaded machine.
        write("spam.tcp.7000.port.json", "{\"limits\": {\"callback\": \"60s\"}}");
        try (HandlerTestKit kit = start("spam.tcp.7000.port.js")) {
            kit.connect("127.0.0.1", 1);
            assertEquals(500, kit.log().size(), "a burst of 500 lines passes, the rest is dropped");
            kit.advance(3000);
            List<String> log = kit.log();
            assertEquals(List.of("WARN 9500 lines suppressed: this handler logged more than 500 lines at once or 100 a second",
                    "INFO later"), log.subList(500, log.size()));
        }
    }

    @Test
    void theManifestsCallbackLimitIsTheWatchdogsLimit() throws IOException {
        write("limited.tcp.7000.port.js", """
                export function handle(conn) {
                  conn.on('data', (d) => { if (String(d) === 'spin') { while (true) {} } conn.write('alive'); });
                }
                """);
        write("limited.tcp.7000.port.json", "{\"limits\": {\"callback\": \"300ms\"}}");
        try (HandlerTestKit kit = start("limited.tcp.7000.port.js")) {
            TestConnection spinner = kit.connect("127.0.0.1", 1);
            spinner.send("spin");
            assertTrue(spinner.isClosed());
            assertTrue(kit.log().stream().anyMatch(l -> l.contains("ran longer than 300 ms")), () -> "log: " + kit.log());
            assertEquals("alive", kit.connect("127.0.0.1", 2).send("x").read());
        }
    }

    @Test
    void engineFailuresReachTheHandlerAsCatchableJavaScriptErrorsAsInNode() throws IOException {
        write("failures.tcp.7000.port.js", """
                const out = [];
                const probe = (label, fn) => {
                  try { fn(); out.push(label + ' ok'); } catch (e) { out.push(`${label} ${e instanceof Error} ${e.name}: ${String(e.message).split('\\n')[0]}`); }
                };
                function deep() { return deep() + 1; }
                export function handle(conn) {
                  probe('recursion', () => deep());
                  probe('recursion through conn.write', () => { function f() { conn.write(''); return f() + 1; } f(); });
                  probe('recursion through timers', () => { function f() { clearTimeout(setTimeout(() => {}, 1)); return f() + 1; } f(); });
                  probe('repeat', () => 'x'.repeat(2 ** 30));
                  probe('padStart', () => 'x'.padStart(2 ** 31));
                  probe('doubling', () => { let s = 'x'; for (let i = 0; i < 40; i++) s += s; });
                  probe('cycle', () => { const o = {}; o.self = o; JSON.stringify(o); });
                  let caught;
                  try { deep(); } catch (e) { caught = e; }
                  out.push(`fields ${caught instanceof RangeError} ${typeof caught.stack} ${caught.javaException} ${caught.rhinoException}`);
                  out.push([1, 2, 3].map((x) => x * 2).join(','));
                  Promise.resolve().then(() => deep()).catch((e) => {
                    out.push('rejected ' + e.name + ': ' + e.message);
                    conn.end(out.join('\\n'));
                  });
                }
                """);
        // Not a watchdog test: deep recursion on a loaded machine may take seconds of CPU.
        write("failures.tcp.7000.port.json", "{\"limits\": {\"callback\": \"60s\"}}");
        try (HandlerTestKit kit = start("failures.tcp.7000.port.js")) {
            assertEquals("""
                    recursion true RangeError: Maximum call stack size exceeded
                    recursion through conn.write true RangeError: Maximum call stack size exceeded
                    recursion through timers true RangeError: Maximum call stack size exceeded
                    repeat true RangeError: Invalid string length
                    padStart true RangeError: Invalid string length
                    doubling true RangeError: Invalid string length
                    cycle true TypeError: Converting circular structure to JSON
                    fields true string undefined undefined
                    2,4,6
                    rejected RangeError: Maximum call stack size exceeded""", kit.connect("127.0.0.1", 1).read());
            assertEquals(List.of(), kit.log());
        }
    }

    @Test
    void aStackOverflowNobodyCatchesClosesOnlyThatConnectionAndLogsAJavaScriptError() throws IOException {
        write("overflow.tcp.7000.port.js", """
                function deep(n) { return deep(n + 1) + 1; }
                export function handle(conn) {
                  conn.on('data', (d) => { if (String(d) === 'deep') deep(0); conn.write('alive'); });
                }
                """);
        try (HandlerTestKit kit = start("overflow.tcp.7000.port.js")) {
            TestConnection victim = kit.connect("127.0.0.1", 1);
            TestConnection neighbour = kit.connect("127.0.0.1", 2);
            victim.send("deep");
            assertTrue(victim.isClosed(), "the connection whose callback overflowed is closed");
            assertEquals("alive", neighbour.send("x").read(), "the other connection is still served");
            assertEquals("alive", kit.connect("127.0.0.1", 3).send("x").read(), "and new ones too");
            assertEquals(1, kit.log().size(), () -> "log: " + kit.log());
            assertTrue(kit.log().get(0).startsWith("ERROR ") && kit.log().get(0).contains("RangeError: Maximum call stack size exceeded"),
                    kit.log().get(0));
            assertNoJavaText(kit.log().get(0));
        }
    }

    @Test
    void aStackOverflowWhileLoadingIsALoadErrorInJavaScriptTerms() throws IOException {
        write("toplevel.tcp.7000.port.js", "function deep() { return deep() + 1; }\ndeep();\nexport function handle(c) {}\n");
        HandlerTestKit.HandlerLoadFailed e = assertThrows(HandlerTestKit.HandlerLoadFailed.class,
                () -> start("toplevel.tcp.7000.port.js"));
        assertTrue(e.getMessage().startsWith("toplevel.tcp.7000.port.js") && e.getMessage().contains("RangeError: Maximum call stack size exceeded"),
                e.getMessage());
        assertNoJavaText(e.getMessage());
    }

    @Test
    void aHostOperationGivenABadArgumentThrowsAJavaScriptError() throws IOException {
        write("badreply.udp.9000.port.js", """
                export function message(msg, rinfo, ctx) {
                  try {
                    ctx.reply('x', { address: rinfo.address, port: 70000 });
                    ctx.log('sent');
                  } catch (e) {
                    ctx.log(`${e instanceof Error} ${['TypeError', 'RangeError', 'Error'].includes(e.name)} ${e.name}: ${e.message}`);
                  }
                  ctx.reply('x', { address: rinfo.address, port: 70000 });
                }
                """);
        try (HandlerTestKit kit = start("badreply.udp.9000.port.js")) {
            assertEquals(List.of(), kit.send("192.0.2.1", 5353, "go"));
            List<String> log = kit.log();
            assertEquals(2, log.size(), () -> "log: " + log);
            assertTrue(log.get(0).startsWith("INFO true true "), log.get(0));
            assertTrue(log.get(1).startsWith("ERROR "), "the uncaught one drops the datagram and is logged: " + log.get(1));
            log.forEach(EngineConformanceKit::assertNoJavaText);
        }
    }

    @Test
    void aStoreCompletionForAStoppedCopyIsDroppedNotRunInItsSuccessor() throws IOException {
        write("late.tcp.7000.port.js", """
                export function handle(conn, ctx) {
                  conn.on('data', (d) => {
                    if (String(d) === 'spin') {
                      ctx.shared.get('k').then(() => ctx.log('late completion ran'));
                      while (true) {}
                    }
                    conn.write('alive');
                  });
                }
                """);
        try (HandlerTestKit kit = HandlerTestKit.load(root.resolve("late.tcp.7000.port.js"))
                .engine(engineId()).watchdogMillis(300).start()) {
            kit.connect("127.0.0.1", 1).send("spin");
            kit.runPending();
            assertEquals("alive", kit.connect("127.0.0.1", 2).send("x").read(), "the restart is immediate, once");
            List<String> log = kit.log();
            assertEquals(1, log.size(), () -> "one line for the stop; no completion ran, nothing failed: " + log);
            assertTrue(log.get(0).contains("watchdog"), log.get(0));
        }
    }

    @Test
    void aStoppedCopysSubscriptionsAreUndoneWhenItRestarts() throws IOException {
        write("news.tcp.7000.port.js", """
                export function handle(conn, ctx) {
                  ctx.shared.subscribe('news', () => ctx.log('a listener ran'));
                  conn.on('data', (d) => { if (String(d) === 'spin') { while (true) {} } conn.write('alive'); });
                }
                """);
        SubscriptionCountingStore store = new SubscriptionCountingStore();
        try (HandlerTestKit kit = HandlerTestKit.load(root.resolve("news.tcp.7000.port.js"))
                .engine(engineId()).watchdogMillis(1000).shared(store).start()) {
            kit.connect("127.0.0.1", 1).send("spin");
            kit.runPending();
            assertEquals(0, store.subscriptions(), "the stopped copy's subscription is undone");
            assertEquals("alive", kit.connect("127.0.0.1", 2).send("x").read());
            assertEquals(1, store.subscriptions(), "the new copy's own");
        }
    }

    @Test
    void aModuleWhoseTopLevelNeverEndsIsRefusedAtItsCallbackLimit() throws IOException {
        write("forever.tcp.7000.port.js", "while (true) {}\nexport function handle(conn) {}\n");
        HandlerTestKit.HandlerLoadFailed e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                HandlerTestKit.HandlerLoadFailed.class, () -> HandlerTestKit.load(root.resolve("forever.tcp.7000.port.js"))
                        .engine(engineId()).watchdogMillis(300).start()));
        assertTrue(e.getMessage().startsWith("forever.tcp.7000.port.js")
                && e.getMessage().contains("loading the module ran longer than 300 ms"), e.getMessage());
    }

    /** A store that answers {@code get} with nothing and counts the subscriptions not yet undone. */
    private static final class SubscriptionCountingStore implements dev.porthoster.api.spi.StoreBackend {
        private final java.util.concurrent.atomic.AtomicInteger live = new java.util.concurrent.atomic.AtomicInteger();

        int subscriptions() {
            return live.get();
        }

        @Override
        public java.util.concurrent.CompletionStage<java.util.Optional<String>> get(String key) {
            return java.util.concurrent.CompletableFuture.completedFuture(java.util.Optional.empty());
        }

        @Override
        public Runnable subscribe(String channel, java.util.function.Consumer<String> listener) {
            live.incrementAndGet();
            java.util.concurrent.atomic.AtomicBoolean undone = new java.util.concurrent.atomic.AtomicBoolean();
            return () -> {
                if (undone.compareAndSet(false, true)) {
                    live.decrementAndGet();
                }
            };
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> set(String key, String value, long ttlMillis) {
            throw new UnsupportedOperationException("set");
        }

        @Override
        public java.util.concurrent.CompletionStage<Boolean> delete(String key) {
            throw new UnsupportedOperationException("delete");
        }

        @Override
        public java.util.concurrent.CompletionStage<Boolean> has(String key) {
            throw new UnsupportedOperationException("has");
        }

        @Override
        public java.util.concurrent.CompletionStage<List<String>> keys(String prefix) {
            throw new UnsupportedOperationException("keys");
        }

        @Override
        public java.util.concurrent.CompletionStage<Long> increment(String key, long by) {
            throw new UnsupportedOperationException("increment");
        }

        @Override
        public java.util.concurrent.CompletionStage<Boolean> compareAndSet(String key, java.util.Optional<String> expected,
                java.util.Optional<String> value) {
            throw new UnsupportedOperationException("compareAndSet");
        }

        @Override
        public java.util.concurrent.CompletionStage<Integer> publish(String channel, String message) {
            throw new UnsupportedOperationException("publish");
        }
    }

    /** Neither a Java class name nor a Java stack frame: what a handler or the log sees is JavaScript's. */

    private static void assertNoJavaText(String text) {
        assertFalse(java.util.regex.Pattern.compile("\\b(java|javax|jdk|sun|org\\.mozilla|org\\.graalvm|com\\.oracle|dev\\.porthoster)\\.[\\w.$]+")
                .matcher(text).find(), () -> "Java text in: " + text);
        assertFalse(text.contains("Exception"), () -> "a Java exception name in: " + text);
    }

    @Test
    void setKeepAliveReachesTheSocketAsNodesDoes() throws IOException {
        write("keep.tcp.7000.port.js", """
                export function handle(conn) {
                  conn.on('data', (d) => {
                    const r = String(d) === 'on' ? conn.setKeepAlive(true, 1500) : conn.setKeepAlive(false);
                    conn.write(String(r === conn));
                  });
                }
                """);
        try (HandlerTestKit kit = start("keep.tcp.7000.port.js")) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            assertEquals("true", conn.send("on").read(), "setKeepAlive returns the socket, as in Node");
            assertTrue(conn.keepAlive());
            assertEquals(1500, conn.keepAliveDelayMillis());
            conn.send("off").read();
            assertFalse(conn.keepAlive());
        }
    }

    @Test
    void cryptoDrawsFromTheHostsRandomSourceSoASeededKitRepeats() throws IOException {
        write("ids.tcp.7000.port.js", """
                import { randomUUID, randomBytes } from 'node:crypto';
                export function handle(conn) {
                  conn.end(`${randomUUID()} ${randomBytes(3).toString('hex')} ${crypto.getRandomValues(new Uint8Array(2))}`);
                }
                """);
        String[] drawn = new String[2];
        for (int i = 0; i < 2; i++) {
            try (HandlerTestKit kit = HandlerTestKit.load(root.resolve("ids.tcp.7000.port.js")).engine(engineId())
                    .random(11).start()) {
                drawn[i] = kit.connect("127.0.0.1", 1).read();
            }
        }
        assertTrue(drawn[0].matches("[0-9a-f-]{36} [0-9a-f]{6} \\d+,\\d+"), drawn[0]);
        assertEquals(drawn[0], drawn[1], "the engine draws from host.random, never from a source of its own");
    }

    @Test
    void aTickQueuedByAPromiseJobRunsAfterTheJobsAsProcessNextTickDoes() throws IOException {
        write("ticks.tcp.7000.port.js", """
                import { EventEmitter } from 'node:events';
                export function handle(conn) {
                  const log = [];
                  const e = new EventEmitter({ captureRejections: true });
                  e.on('error', () => log.push('captured'));
                  e.on('x', async () => { throw new Error('x'); });
                  e.emit('x');
                  Promise.resolve().then(() => log.push('p1')).then(() => log.push('p2')).then(() => log.push('p3'));
                  setTimeout(() => conn.end(log.join(' ')), 10);
                }
                """);
        try (HandlerTestKit kit = start("ticks.tcp.7000.port.js")) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            kit.advance(10);
            assertEquals("p1 p2 p3 captured", conn.read(), "Node's order: the rejection's tick waits for every job");
        }
    }

    @Test
    void connKnowsItsLocalSideAndStreamsPipeThroughIt() throws IOException {
        write("upper.tcp.7000.port.js", """
                import { pipeline, Transform } from 'node:stream';
                export function handle(conn) {
                  const a = conn.address();
                  conn.write(`${conn.localAddress} ${conn.localFamily} ${a.family} ${a.port === conn.localPort} ${conn.readyState}\\n`);
                  const [first, ...rest] = ['x', 'y', 'z'];
                  const upper = new Transform({ transform(c, e, cb) { cb(null, first + c.toString().toUpperCase() + rest.length); } });
                  pipeline(conn, upper, conn, () => {});
                }
                """);
        try (HandlerTestKit kit = start("upper.tcp.7000.port.js")) {
            TestConnection conn = kit.connect("203.0.113.7", 40000);
            assertEquals("127.0.0.1 IPv4 IPv4 true open\n", conn.read());
            assertEquals("xHI2", conn.send("hi").read());
            conn.end();
            assertTrue(conn.isClosed(), "the pipeline ended conn after the peer's FIN");
            assertEquals("::1 IPv6", kit.connect("2001:db8::7", 40001).read().substring(0, 8));
        }
    }

    /** A client certificate (EC P-256, valid until 2126), and what Node 20's {@code getPeerCertificate()} said of it. */
    private static final String ALICE_PEM = """
            -----BEGIN CERTIFICATE-----
            MIICHTCCAcOgAwIBAgIUOWqWZeAGfU5+83CUMGHpCN4r+/cwCgYIKoZIzj0EAwIw
            UzELMAkGA1UEBhMCREUxDzANBgNVBAgMBkJlcmxpbjEVMBMGA1UECgwMQWNtZSBD
            bGllbnRzMQwwCgYDVQQLDANPcHMxDjAMBgNVBAMMBWFsaWNlMCAXDTI2MTIwMzA4
            MTYwMFoYDzIxMjYxMTA5MDgxNjAwWjBTMQswCQYDVQQGEwJERTEPMA0GA1UECAwG
            QmVybGluMRUwEwYDVQQKDAxBY21lIENsaWVudHMxDDAKBgNVBAsMA09wczEOMAwG
            A1UEAwwFYWxpY2UwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAS/A7xNb55LCWM0
            maN1g6n+6ETHm7WlXa8/pZVKOUlDuBEvaKKyUxUx6/KzcarhX3iCxI8zl5PBrZbn
            TV7j7Vsto3MwcTAdBgNVHQ4EFgQUSSof4gw0X1GfPZshWkoXMzf56sAwHwYDVR0j
            BBgwFoAUSSof4gw0X1GfPZshWkoXMzf56sAwDwYDVR0TAQH/BAUwAwEB/zAeBgNV
            HREEFzAVgg1hbGljZS5leGFtcGxlhwTAAAIBMAoGCCqGSM49BAMCA0gAMEUCIQDI
            j6aVq3kf7ZlFfJej1sfaPpxhw/fjQRMn3x3NIjcXNgIgA/gQJwbGgQah9aO/w8se
            sBaes8Ba+BUOPX4flW3Gk1s=
            -----END CERTIFICATE-----
            """;

    @Test
    void aTlsConnectionShowsNodesTlsSocketPropertiesAndAPlainOneDoesNot() throws Exception {
        write("tls.tcp.7443.port.js", """
                export function handle(conn) {
                  if (!conn.encrypted) {
                    conn.end(`plain ${conn.encrypted} ${typeof conn.getPeerCertificate} ${'alpnProtocol' in conn}\\n`);
                    return;
                  }
                  const c = conn.getPeerCertificate();
                  conn.end(JSON.stringify({encrypted: conn.encrypted, alpn: conn.alpnProtocol, sni: conn.servername,
                    authorized: conn.authorized, protocol: conn.getProtocol(), cipher: conn.getCipher(),
                    subject: c.subject, issuer: c.issuer, san: c.subjectaltname, ca: c.ca, from: c.valid_from,
                    to: c.valid_to, serial: c.serialNumber, fp: c.fingerprint, fp256: c.fingerprint256,
                    raw: Buffer.isBuffer(c.raw) && c.raw.length}) + '\\n');
                }
                """);
        java.security.cert.X509Certificate alice = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(
                        ALICE_PEM.getBytes(StandardCharsets.US_ASCII)));
        try (HandlerTestKit kit = start("tls.tcp.7443.port.js")) {
            assertEquals("plain undefined undefined false\n", kit.connect("192.0.2.1", 40000).read(),
                    "a plain conn is a net.Socket: no TLS properties at all");
            TestConnection tls = kit.connect("192.0.2.1", 40001, new dev.porthoster.api.TlsSession("TLSv1.3",
                    "TLS_AES_128_GCM_SHA256", java.util.Optional.of("h2"), java.util.Optional.of("echo.example"),
                    List.of(alice)));
            assertEquals("{\"encrypted\":true,\"alpn\":\"h2\",\"sni\":\"echo.example\",\"authorized\":true,"
                    + "\"protocol\":\"TLSv1.3\",\"cipher\":{\"name\":\"TLS_AES_128_GCM_SHA256\","
                    + "\"standardName\":\"TLS_AES_128_GCM_SHA256\",\"version\":\"TLSv1.3\"},"
                    // Node 20's answers for this certificate, from s_client -cert against tls.createServer:
                    + "\"subject\":{\"C\":\"DE\",\"ST\":\"Berlin\",\"O\":\"Acme Clients\",\"OU\":\"Ops\",\"CN\":\"alice\"},"
                    + "\"issuer\":{\"C\":\"DE\",\"ST\":\"Berlin\",\"O\":\"Acme Clients\",\"OU\":\"Ops\",\"CN\":\"alice\"},"
                    + "\"san\":\"DNS:alice.example, IP Address:192.0.2.1\",\"ca\":true,"
                    + "\"from\":\"Dec  3 08:16:00 2026 GMT\",\"to\":\"Nov  9 08:16:00 2126 GMT\","
                    + "\"serial\":\"396A9665E0067D4E7EF370943061E908DE2BFBF7\","
                    + "\"fp\":\"D2:89:E5:D7:13:18:F5:58:84:8B:61:9A:5A:C6:A4:2C:5D:88:75:65\","
                    + "\"fp256\":\"A1:D6:11:50:9C:C8:7F:74:4A:6E:13:62:68:5A:64:EA:2B:54:41:CB:8D:CA:9C:6E:56:DF:1E:5A:64:97:EE:7B\","
                    + "\"raw\":545}\n", tls.read());
            TestConnection anonymous = kit.connect("192.0.2.1", 40002, new dev.porthoster.api.TlsSession("TLSv1.2",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", java.util.Optional.empty(), java.util.Optional.empty(),
                    List.of()));
            assertTrue(anonymous.read().startsWith("{\"encrypted\":true,\"alpn\":false,\"sni\":false,\"authorized\":false,"
                    + "\"protocol\":\"TLSv1.2\""), "without ALPN, SNI or a client certificate: false, false, false, as Node");
        }
    }

}

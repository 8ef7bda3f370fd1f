package dev.porthoster.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void handlersCannotReachJavaOrTheProcess() throws IOException {
        write("sandbox.tcp.7000.port.js", """
                export function handle(conn) {
                  const probes = [
                    typeof Java, typeof Packages, typeof process, typeof require, typeof java, typeof load,
                  ];
                  conn.end(probes.join(','));
                }
                """);
        try (HandlerTestKit kit = start("sandbox.tcp.7000.port.js")) {
            assertEquals("undefined,undefined,undefined,undefined,undefined,undefined", kit.connect("127.0.0.1", 1).read());
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
}

// Serves Porthoster handler files on Node.js itself, with the ctx the broker gives them, so the same file can be
// compared (NodeOracleKit) or measured (bench/run) side by side with Porthoster.
//
//   node node-runner.mjs FILE PORT      serve one handler on 127.0.0.1:PORT
//   node node-runner.mjs --folder DIR   serve every entry point directly in DIR (NAME.tcp.N.port.js,
//                                       NAME.udp.N.port.js) on an ephemeral loopback port each; prints one line
//                                       "serving FILE PORT" or "refused FILE REASON" per file, then "ready";
//                                       exits when its standard input closes
//
// The handler's folder needs a package.json with {"type": "module"}. What the runner adds to plain Node is exactly
// what the broker does around a handler: ctx (name, port and protocol from the file name, shared, signal, log,
// reply), and a failure in handle() or in any listener of a connection closes that connection and is logged, where
// plain Node would end the process.
import net from 'node:net';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ENTRY = /^([A-Za-z0-9-][A-Za-z0-9_-]*)\.(tcp|udp)\.([1-9]\d{0,4})\.port\.js$/;

// ctx.shared: the same promise-returning API as Porthoster's in-memory store, values copied in and out.
const store = new Map();
const channels = new Map();
const copy = (v) => (v === undefined ? undefined : structuredClone(v));
const shared = {
  get: async (k) => copy(store.get(k)),
  set: async (k, v) => { store.set(k, copy(v)); },
  delete: async (k) => store.delete(k),
  has: async (k) => store.has(k),
  keys: async (prefix = '') => [...store.keys()].filter((k) => k.startsWith(prefix)).sort(),
  increment: async (k, by = 1) => { const n = (store.get(k) ?? 0) + by; store.set(k, n); return n; },
  compareAndSet: async (k, expected, value) => {
    if (JSON.stringify(store.get(k)) !== JSON.stringify(expected)) return false;
    if (value === undefined) store.delete(k); else store.set(k, copy(value));
    return true;
  },
  publish: async (ch, msg) => { const subs = channels.get(ch) ?? new Set(); subs.forEach((fn) => fn(copy(msg))); return subs.size; },
  subscribe: (ch, fn) => {
    const wrapped = (m) => fn(m);
    if (!channels.has(ch)) channels.set(ch, new Set());
    channels.get(ch).add(wrapped);
    return () => channels.get(ch)?.delete(wrapped);
  },
};

// A failure nothing caught is logged, as the broker logs it; it never ends the runner.
process.on('unhandledRejection', (e) => console.error('unhandled rejection:', e));
process.on('uncaughtException', (e) => console.error('uncaught exception:', e));

async function serve(file, listenPort, announce) {
  const m = ENTRY.exec(path.basename(file));
  if (!m) throw new Error(`${path.basename(file)} is not a handler file name (NAME.tcp|udp.PORT.port.js)`);
  const [, name, protocol, declared] = m;
  const mod = await import(pathToFileURL(path.resolve(file)).href);
  const tag = `[${name}.${protocol}.${declared}]`;
  const log = Object.assign((...a) => console.log(tag, ...a), {
    info: (...a) => console.log(tag, ...a), warn: (...a) => console.warn(tag, ...a),
    error: (...a) => console.error(tag, ...a), debug: (...a) => console.debug(tag, ...a),
  });
  const controller = new AbortController();
  // ctx.instance: which copy this process is when bench/node-cluster.mjs runs several (0 alone), as porthoster's
  const instance = Number(process.env.PORTHOSTER_INSTANCE ?? 0);
  const ctx = { name, port: Number(declared), protocol, instance, shared, signal: controller.signal, log };
  if (protocol === 'udp') {
    const socket = dgram.createSocket('udp4');
    // an ICMP port-unreachable for an earlier reply may come back as an 'error' on the socket: a server goes on
    socket.on('error', (e) => log.error(e.message));
    ctx.reply = (msg, rinfo, encoding) => socket.send(typeof msg === 'string' ? Buffer.from(msg, encoding) : msg, rinfo.port, rinfo.address);
    if (mod.open) await mod.open(Object.freeze(ctx));
    socket.on('message', (msg, rinfo) => {
      Promise.resolve().then(() => mod.message(msg, rinfo, ctx))
        .catch((e) => log.error(`message() from ${rinfo.address}:${rinfo.port} was dropped:`, e));
    });
    await new Promise((resolve) => socket.bind(listenPort, '127.0.0.1', resolve));
    announce(socket.address().port);
    return;
  }
  Object.freeze(ctx);
  if (mod.open) await mod.open(ctx);
  const server = net.createServer({ noDelay: true }, (conn) => { // as the broker's sockets
    // the broker closes a connection whose handler or listener threw; plain Node would end the process
    const emit = conn.emit;
    conn.emit = function (...args) {
      try {
        return emit.apply(this, args);
      } catch (e) {
        log.error(`a '${String(args[0])}' listener failed, closing the connection:`, e);
        conn.destroy();
        return true;
      }
    };
    try {
      Promise.resolve(mod.handle(conn, ctx)).catch((e) => { log.error('handle() failed:', e); conn.destroy(); });
    } catch (e) {
      log.error('handle() failed:', e);
      conn.destroy();
    }
  });
  await new Promise((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  announce(server.address().port);
}

const args = process.argv.slice(2);
if (args[0] === '--folder' && args[1]) {
  const dir = path.resolve(args[1]);
  for (const entry of fs.readdirSync(dir).sort()) {
    if (!ENTRY.test(entry)) continue;
    try {
      await serve(path.join(dir, entry), 0, (port) => process.stdout.write(`serving ${entry} ${port}\n`));
    } catch (e) {
      process.stdout.write(`refused ${entry} ${String(e && e.message || e).replace(/\s+/g, ' ')}\n`);
    }
  }
  process.stdout.write('ready\n');
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
} else if (args.length === 2 && /^\d+$/.test(args[1])) {
  const proto = ENTRY.exec(path.basename(args[0]))?.[2] ?? 'tcp';
  await serve(args[0], Number(args[1]), (port) => console.log(`node: ${path.basename(args[0])} on ${proto} 127.0.0.1:${port}`));
} else {
  console.error('usage: node node-runner.mjs NAME.(tcp|udp).PORT.port.js LISTEN_PORT\n       node node-runner.mjs --folder DIR');
  process.exit(2);
}

// Runs a Porthoster handler file on Node.js with the same ctx, so the same file can be measured side by side.
//   node bench/node-runner.mjs HANDLER_FILE PORT
// The handler's folder needs a package.json with {"type": "module"} (bench/run makes one).
import net from 'node:net';
import dgram from 'node:dgram';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, portArg] = process.argv.slice(2);
const m = /^([A-Za-z0-9_-]+)\.(tcp|udp)\.(\d+)\.port\.js$/.exec(path.basename(file ?? ''));
if (!m || !portArg) {
  console.error('usage: node node-runner.mjs NAME.(tcp|udp).PORT.port.js LISTEN_PORT');
  process.exit(2);
}
const [, name, protocol] = m;
const port = Number(portArg);
const mod = await import(pathToFileURL(path.resolve(file)).href);

// ctx.shared: the same promise-returning API as Porthoster's in-memory store, values copied in and out.
const store = new Map();
const channels = new Map();
const copy = (v) => (v === undefined ? undefined : structuredClone(v));
const controller = new AbortController();
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
const log = Object.assign((...a) => console.log(...a), { info: console.log, warn: console.warn, error: console.error, debug: console.debug });
// ctx.instance: which copy this process is when bench/node-cluster.mjs runs several (0 alone), as porthoster's.
const instance = Number(process.env.PORTHOSTER_INSTANCE ?? 0);
const ctx = { name, port, protocol, instance, shared, signal: controller.signal, log };

if (mod.open) await mod.open(ctx);
if (protocol === 'tcp') {
  const server = net.createServer({ noDelay: true }, (conn) => {
    Promise.resolve().then(() => mod.handle(conn, ctx)).catch((e) => { console.error(e); conn.destroy(); });
    conn.on('error', () => {});
  });
  server.listen(port, '127.0.0.1', () => console.log(`node: ${path.basename(file)} on tcp 127.0.0.1:${port}`));
} else {
  const socket = dgram.createSocket('udp4');
  // Bun reports an ICMP port-unreachable for an earlier reply as an 'error' on the socket; a server logs it and goes on.
  socket.on('error', (e) => console.error(`${path.basename(file)}: ${e.message}`));
  ctx.reply = (msg, rinfo) => socket.send(msg, rinfo.port, rinfo.address);
  socket.on('message', (msg, rinfo) => {
    Promise.resolve().then(() => mod.message(msg, rinfo, ctx)).catch((e) => console.error(e));
  });
  socket.bind(port, '127.0.0.1', () => console.log(`node: ${path.basename(file)} on udp 127.0.0.1:${port}`));
}

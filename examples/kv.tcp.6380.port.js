// TCP 6380: a small Redis-compatible key-value server (RESP2), enough for redis-cli and redis-benchmark.
//   redis-cli -p 6380 set greeting hello && redis-cli -p 6380 get greeting
//   redis-benchmark -p 6380 -t set,get -n 100000 -P 16 -q
// Values live in this handler instance's memory (a Map), as they would in a Node process; use ctx.shared
// instead to share them across instances and brokers.
import { RespParser, reply } from './lib/resp.js';

const store = new Map();

const commands = {
  PING: (args) => (args.length > 1 ? reply.bulk(args[1]) : reply.simple('PONG')),
  ECHO: (args) => reply.bulk(args[1]),
  SET: (args) => { store.set(args[1].toString('latin1'), Buffer.from(args[2])); return reply.OK; },
  GET: (args) => reply.bulk(store.get(args[1].toString('latin1')) ?? null),
  DEL: (args) => reply.integer(args.slice(1).filter((k) => store.delete(k.toString('latin1'))).length),
  EXISTS: (args) => reply.integer(args.slice(1).filter((k) => store.has(k.toString('latin1'))).length),
  INCR: (args) => incrBy(args[1], 1),
  DECR: (args) => incrBy(args[1], -1),
  INCRBY: (args) => incrBy(args[1], Number(args[2].toString())),
  MSET: (args) => {
    for (let i = 1; i + 1 < args.length; i += 2) store.set(args[i].toString('latin1'), Buffer.from(args[i + 1]));
    return reply.OK;
  },
  MGET: (args) => reply.array(args.slice(1).map((k) => reply.bulk(store.get(k.toString('latin1')) ?? null))),
  DBSIZE: () => reply.integer(store.size),
  FLUSHALL: () => { store.clear(); return reply.OK; },
  FLUSHDB: () => { store.clear(); return reply.OK; },
  SELECT: () => reply.OK,
  // redis-cli and redis-benchmark ask these on connect; an empty answer tells them "nothing special".
  COMMAND: () => reply.array([]),
  CONFIG: () => reply.array([]),
  CLIENT: () => reply.OK,
  HELLO: () => reply.error('NOPROTO this server speaks RESP2 only'),
  QUIT: () => reply.OK,
};

function incrBy(keyBuf, by) {
  const key = keyBuf.toString('latin1');
  const current = store.has(key) ? Number(store.get(key).toString()) : 0;
  if (!Number.isSafeInteger(current) || !Number.isSafeInteger(by)) {
    return reply.error('ERR value is not an integer or out of range');
  }
  store.set(key, Buffer.from(String(current + by)));
  return reply.integer(current + by);
}

export function handle(conn) {
  const parser = new RespParser();
  conn.on('data', (chunk) => {
    let out;
    try {
      out = parser.feed(chunk).map(run);
    } catch (e) {
      conn.end(reply.error(`ERR Protocol error: ${e.message}`));
      return;
    }
    if (out.length === 1) conn.write(out[0]);
    else if (out.length > 1) conn.write(Buffer.concat(out));
    if (parser.quit) conn.end();
  });

  function run(args) {
    if (args.length === 0) return reply.error('ERR empty command');
    const name = args[0].toString('latin1').toUpperCase();
    const command = commands[name];
    if (!command) return reply.error(`ERR unknown command '${args[0].toString('latin1')}'`);
    if (name === 'QUIT') parser.quit = true;
    return command(args);
  }
}

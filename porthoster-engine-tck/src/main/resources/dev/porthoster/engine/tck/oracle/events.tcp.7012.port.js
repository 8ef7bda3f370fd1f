// node:events as handler code uses it: await once() for the first chunk, an EventEmitter subclass with once,
// prependListener, errorMonitor and captureRejections, events.on() read with next(), EventTarget and AbortController.
import { EventEmitter, once, on, errorMonitor } from 'node:events';
import { promisify, types, inherits, isDeepStrictEqual } from 'node:util';

class Room extends EventEmitter {
  join(name) { this.emit('join', name); return this; }
}

export async function handle(conn) {
  const out = [];
  const [first] = await once(conn, 'data');
  out.push(`first=${first}`);

  const room = new Room();
  room.on('join', (n) => out.push(`on:${n}`));
  room.once('join', (n) => out.push(`once:${n}`));
  room.prependListener('join', (n) => out.push(`prepend:${n}`));
  room.join('ann').join('bob');
  out.push(`count=${room.listenerCount('join')} names=${room.eventNames().join(',')}`);

  room.on(errorMonitor, (e) => out.push(`monitor:${e.message}`));
  room.on('error', (e) => out.push(`error:${e.message}`));
  room.emit('error', new Error('oops'));

  const capturing = new EventEmitter({ captureRejections: true });
  capturing.on('error', (e) => out.push(`captured:${e.message}`));
  capturing.on('work', async () => { throw new Error('async failure'); });
  capturing.emit('work');

  const ticker = new EventEmitter();
  const ac = new AbortController();
  const iterator = on(ticker, 'tick', { signal: ac.signal });
  ticker.emit('tick', 1);
  ticker.emit('tick', 2, 'b');
  out.push(`next=${JSON.stringify((await iterator.next()).value)}`);
  out.push(`next=${JSON.stringify((await iterator.next()).value)}`);
  ac.abort();
  try { await iterator.next(); } catch (e) { out.push(`aborted:${e.name}`); }

  const target = new EventTarget();
  target.addEventListener('ping', (e) => out.push(`event:${e.type}:${e instanceof Event}`), { once: true });
  target.dispatchEvent(new Event('ping'));
  target.dispatchEvent(new Event('ping'));

  const late = promisify((x, cb) => setTimeout(() => cb(null, x * 2), 5));
  out.push(`promisify=${await late(21)} promise?=${types.isPromise(late(1))}`);
  function Legacy() { EventEmitter.call(this); }
  inherits(Legacy, EventEmitter);
  out.push(`inherits=${new Legacy() instanceof EventEmitter} deep=${isDeepStrictEqual({ a: [1] }, { a: [1] })}`);

  const timeout = AbortSignal.timeout(10);
  const [event] = await once(timeout, 'abort');
  out.push(`timeout:${event.type}:${timeout.reason.name}:${timeout.aborted}`);
  const any = AbortSignal.any([new AbortController().signal, AbortSignal.abort('why')]);
  out.push(`any:${any.aborted}:${any.reason}`);

  conn.end(out.join('\n') + '\n');
}

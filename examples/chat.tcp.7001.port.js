// TCP 7001: a line chat. Every line a client sends goes to every other connected client, through
// ctx.shared publish/subscribe, so it would work across handler instances and brokers too.
//   nc 127.0.0.1 7001      (in two terminals)
import { lines } from './lib/lines.js';

export function handle(conn, ctx) {
  const who = `${conn.remoteAddress}:${conn.remotePort}`;
  conn.setEncoding('utf8');
  // Subscribe before greeting: once a client has read the welcome, it hears everything after.
  const unsubscribe = ctx.shared.subscribe('chat', (m) => {
    if (m.from !== who && m.about !== who) conn.write(`${m.from}: ${m.text}\n`);
  });
  conn.write(`welcome to the chat on :${ctx.port}, you are ${who}\n`);
  ctx.shared.publish('chat', { from: 'server', about: who, text: `${who} joined` });
  conn.on('data', lines((text) => ctx.shared.publish('chat', { from: who, text })));
  conn.on('close', () => {
    unsubscribe();
    ctx.shared.publish('chat', { from: 'server', about: who, text: `${who} left` });
  });
}

// Opens N TCP connections to 127.0.0.1:PORT and keeps them open, idle, until stdin closes.
//   node bench/idle-client.mjs PORT N
// Prints "open N" once every connection has been accepted and has received its first bytes (the echo handler's
// greeting), so the server has done all its per-connection work; then waits. Used by bench/idle.
import net from 'node:net';

const [port, count] = process.argv.slice(2).map(Number);
const sockets = [];
let greeted = 0;
let failed = 0;
const BATCH = 200;

function open(i) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    let done = false;
    const finish = (ok) => { if (!done) { done = true; ok ? greeted++ : failed++; resolve(); } };
    s.once('data', () => finish(true));
    s.once('error', () => finish(false));
    s.once('close', () => finish(false));
    s.setTimeout(20000, () => finish(false));
    sockets.push(s);
  });
}

for (let i = 0; i < count; i += BATCH) {
  const batch = [];
  for (let j = i; j < Math.min(count, i + BATCH); j++) batch.push(open(j));
  await Promise.all(batch);
}
for (const s of sockets) s.setTimeout(0);
console.log(`open ${greeted} failed ${failed}`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));

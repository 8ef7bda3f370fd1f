// Starts servers and measures the time from launch until every listed port answers.
//   node bench/probe.mjs PORTS -- COMMAND [ARGS...] [--- COMMAND [ARGS...] ...]
// PORTS: comma-separated tcp:N (a TCP connect succeeds) or udp:N (a DNS query datagram gets any answer: a DNS
// handler answers it, others answer anything).
// Every command is spawned at once (Node's ten processes start in parallel, as a process manager would start them).
// Prints "ready MS" (milliseconds from the first spawn to the last port answering) and "cpu MS" (the CPU time, user
// plus system, the servers had used by then: on a machine shared with other work, the wall time swings with the
// load while the CPU time a start-up needs hardly does), then keeps the servers running until stdin closes, so a
// caller can measure them further; kills them on exit.
import net from 'node:net';
import dgram from 'node:dgram';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const ports = argv[0].split(',').map((p) => { const [proto, n] = p.split(':'); return { proto, port: Number(n) }; });
const commands = [];
let current = null;
for (const a of argv.slice(1)) {
  if (a === '--' || a === '---') { current = []; commands.push(current); } else current.push(a);
}
const children = [];
const kill = () => { for (const c of children) { try { process.kill(-c.pid, 'SIGTERM'); } catch {} } };
process.on('exit', kill);
process.on('SIGTERM', () => process.exit(0));

const start = process.hrtime.bigint();
for (const [cmd, ...args] of commands) {
  children.push(spawn(cmd, args, { stdio: ['ignore', 'ignore', process.env.PROBE_VERBOSE ? 'inherit' : 'ignore'], detached: true }));
}

function tcpReady(port) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}
// A DNS query for a.porthoster.test, type A, class IN.
const QUERY = Buffer.concat([
  Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]),
  Buffer.from([1, 0x61, 10, ...Buffer.from('porthoster'), 4, ...Buffer.from('test'), 0, 0, 1, 0, 1]),
]);
function udpReady(port) {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const t = setTimeout(() => { s.close(); resolve(false); }, 20);
    s.once('message', () => { clearTimeout(t); s.close(); resolve(true); });
    s.once('error', () => { clearTimeout(t); s.close(); resolve(false); });
    s.send(QUERY, port, '127.0.0.1');
  });
}
const pending = new Set(ports);
const deadline = Date.now() + 120000;
while (pending.size > 0) {
  if (Date.now() > deadline) { console.log('ready timeout'); process.exit(1); }
  await Promise.all([...pending].map(async (p) => {
    if (await (p.proto === 'tcp' ? tcpReady(p.port) : udpReady(p.port))) pending.delete(p);
  }));
  if (pending.size > 0) await new Promise((r) => setTimeout(r, 5));
}
console.log(`ready ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)}`);
// utime + stime of each server and of its waited-for children, in clock ticks of 10 ms (Linux's USER_HZ is 100)
const cpuTicks = (pid) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  } catch { return 0; }
};
console.log(`cpu ${children.reduce((sum, c) => sum + cpuTicks(c.pid), 0) * 10}`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));

// Cold-start set: statsd-like counters ("name:N|c"), answering each datagram with the running total.
const totals = new Map();

export function message(msg, rinfo, ctx) {
  let last = 'ok';
  for (const line of msg.toString('utf8').split('\n')) {
    const m = /^([\w.]+):(-?\d+)\|c$/.exec(line.trim());
    if (!m) continue;
    const n = (totals.get(m[1]) ?? 0) + Number(m[2]);
    totals.set(m[1], n);
    last = `${m[1]}=${n}`;
  }
  ctx.reply(last + '\n', rinfo);
}

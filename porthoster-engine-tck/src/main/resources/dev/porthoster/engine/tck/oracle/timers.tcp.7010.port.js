// Timers in Node's order, started from a 'data' callback (I/O): microtasks first, then setImmediate, then timers by
// due time and, for equal delays, in creation order; setInterval rescheduled, refresh() restarting a timeout, a
// cleared timer never firing, node:timers/promises and AbortSignal.timeout. Each phase's timers are made in one
// callback, so their order is their due time's, however loaded the machine.
import { setTimeout as sleep, setImmediate as immediate } from 'node:timers/promises';
import timers from 'node:timers';

export function handle(conn) {
  const order = [];
  const phases = [
    (next) => {
      setTimeout(() => order.push('t30a'), 30);
      setTimeout(() => order.push('t30b'), 30);
      const cleared = setTimeout(() => order.push('cleared'), 30);
      clearTimeout(cleared);
      setTimeout(() => order.push('t0'), 0);
      setImmediate(() => order.push('immediate'));
      Promise.resolve().then(() => order.push('promise'));
      queueMicrotask(() => order.push('microtask'));
      const unrefd = timers.setTimeout(() => order.push('unref'), 10).unref();
      order.push(`hasRef=${unrefd.hasRef()} id=${typeof +unrefd}`);
      setTimeout(next, 60);
      order.push('sync');
    },
    (next) => {
      let ticks = 0;
      const interval = setInterval(function () {
        order.push(`interval${++ticks}:${this === interval}`);
        if (ticks === 3) { clearInterval(interval); next(); }
      }, 10);
    },
    (next) => {
      const a = setTimeout(() => { order.push('refreshed'); next(); }, 60);
      setTimeout(() => a.refresh(), 30);
      setTimeout(() => order.push('t80'), 80);
    },
    (next) => {
      sleep(20, 'slept').then((v) => order.push(v));
      immediate('immediate-promise').then((v) => order.push(v));
      const signal = AbortSignal.timeout(40);
      signal.addEventListener('abort', () => order.push(`abort:${signal.reason.name}`));
      setTimeout((a, b) => { order.push(`with ${a}${b}`); next(); }, 60, 'x', 'y');
    },
  ];
  conn.once('data', () => {
    const run = (i) => (i < phases.length ? phases[i](() => { order.push('|'); run(i + 1); })
      : conn.end(order.join(' ') + '\n'));
    run(0);
  });
}

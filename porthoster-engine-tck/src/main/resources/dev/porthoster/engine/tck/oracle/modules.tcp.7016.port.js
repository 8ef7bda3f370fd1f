// What else handler code imports: node:net's isIP, node:buffer's atob/btoa and constants, node:assert for
// self-checks, node:url and node:util, each answered as text.
import net, { isIP, isIPv4, isIPv6 } from 'node:net';
import { Buffer as NodeBuffer, atob, btoa, constants } from 'node:buffer';
import assert, { strictEqual, deepStrictEqual } from 'node:assert';
import strict from 'node:assert/strict';
import { URL as NodeURL } from 'node:url';
import util from 'node:util';

export function handle(conn) {
  conn.setEncoding('utf8');
  conn.on('data', (line) => {
    const words = line.trim().split(' ');
    const out = [];
    for (const w of words) out.push(`${w}:${isIP(w)}${isIPv4(w) ? '4' : ''}${isIPv6(w) ? '6' : ''}`);
    out.push(`${net.isIP === isIP} ${NodeBuffer === Buffer} ${NodeURL === URL} ${constants.MAX_STRING_LENGTH}`);
    out.push(`${btoa('hi!')} ${atob('aGkh')}`);
    const checks = [
      () => strictEqual(1, 1),
      () => deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }),
      () => assert(0, 'zero is falsy'),
      () => strict.equal(1, '1'),
      () => assert.throws(() => { throw new TypeError('x'); }, TypeError),
      () => assert.match('abc', /d/),
    ];
    for (const c of checks) {
      try { c(); out.push('ok'); } catch (e) { out.push(`${e.name} ${e.code} ${e.message.split('\n')[0]}`); }
    }
    out.push(util.types.isUint8Array(Buffer.alloc(1)) + ' ' + util.types.isDate(new Date()) + ' ' + util.isDeepStrictEqual([1], [1]));
    conn.write(out.join('\n') + '\n.\n');
  });
}

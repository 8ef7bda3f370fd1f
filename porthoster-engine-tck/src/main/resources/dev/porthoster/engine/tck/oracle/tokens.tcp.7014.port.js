// Session tokens and ids from node:crypto: randomBytes, randomUUID, randomInt, getRandomValues on the global
// crypto, an HMAC-signed token checked with timingSafeEqual. The answers say what is checkable about random
// values (their shape, their range), never the values.
import crypto, { randomBytes, randomUUID, randomInt, createHmac, timingSafeEqual } from 'node:crypto';

const secret = randomBytes(32);

function sign(payload) {
  return payload + '.' + createHmac('sha256', secret).update(payload).digest('base64url');
}

function verify(token) {
  const dot = token.lastIndexOf('.');
  const expected = Buffer.from(sign(token.slice(0, dot)));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function handle(conn) {
  conn.setEncoding('utf8');
  conn.on('data', (line) => {
    const [cmd, arg] = line.trim().split(' ');
    if (cmd === 'new') {
      const id = randomUUID();
      const token = sign(`${id}:${randomInt(1000, 10000)}`);
      const [payload, mac] = token.split('.');
      conn.write([/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}:\d{4}$/.test(payload),
        mac.length, verify(token), verify(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))].join(' ') + '\n');
    } else if (cmd === 'bytes') {
      const n = Number(arg);
      const a = randomBytes(n);
      const b = crypto.getRandomValues(new Uint8Array(n));
      const words = globalThis.crypto.getRandomValues(new Uint32Array(4));
      conn.write(`${a.length} ${b.length} ${a.equals(b)} ${words.length} ${typeof crypto.webcrypto.subtle.digest}\n`);
    } else if (cmd === 'dice') {
      const seen = new Set();
      for (let i = 0; i < 600; i++) seen.add(randomInt(1, 7));
      conn.write([...seen].sort().join(',') + '\n');
    } else if (cmd === 'async') {
      randomBytes(8, (err, buf) => conn.write(`async ${err} ${buf.length}\n`));
    } else if (cmd === 'digest') {
      crypto.webcrypto.subtle.digest('SHA-256', new TextEncoder().encode(arg)).then((ab) => {
        conn.write(`${ab instanceof ArrayBuffer} ${Buffer.from(ab).toString('hex')} ${crypto.createHash('sha512').update(arg).digest('base64url').slice(0, 16)} ${crypto.createHash('md5').update(arg, 'latin1').digest('hex')}\n`);
      });
    } else if (cmd === 'quota') {
      try { crypto.getRandomValues(new Uint8Array(65537)); } catch (e) { conn.write(`${e.name} ${e.message}\n`); }
    }
  });
}

// UDP 5300: an authoritative DNS responder for the zone porthoster.test, enough for dig and dnsperf.
//   dig @127.0.0.1 -p 5300 hello.porthoster.test         (A 127.0.0.1)
//   dig @127.0.0.1 -p 5300 hello.porthoster.test TXT
//   dig @127.0.0.1 -p 5300 anything.porthoster.test AAAA (::1)
import { parseQuery, answer, RCODE, TYPE } from './lib/dns.js';

const ZONE = 'porthoster.test';
const TTL = 60;

function lookup(name, type) {
  if (name !== ZONE && !name.endsWith('.' + ZONE)) return { rcode: RCODE.REFUSED, records: [] };
  switch (type) {
    case TYPE.A: return { rcode: RCODE.NOERROR, records: [{ type, ttl: TTL, data: Buffer.from([127, 0, 0, 1]) }] };
    case TYPE.AAAA: return { rcode: RCODE.NOERROR, records: [{ type, ttl: TTL, data: Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]) }] };
    case TYPE.TXT: {
      const text = Buffer.from(`hello from porthoster, you asked for ${name}`.slice(0, 255));
      return { rcode: RCODE.NOERROR, records: [{ type, ttl: TTL, data: Buffer.concat([Buffer.from([text.length]), text]) }] };
    }
    default: return { rcode: RCODE.NOERROR, records: [] };
  }
}

export function message(msg, rinfo, ctx) {
  const query = parseQuery(msg);
  if (query === null) return; // not a DNS query: drop it, as servers do with garbage
  if (query.error) {
    ctx.reply(answer(query, RCODE.FORMERR, []), rinfo);
    return;
  }
  const { rcode, records } = lookup(query.name.toLowerCase(), query.type);
  ctx.reply(answer(query, rcode, records), rinfo);
}

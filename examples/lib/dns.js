// DNS messages (RFC 1035): parse a one-question query, build an authoritative answer. Supporting code.

export const TYPE = { A: 1, TXT: 16, AAAA: 28 };
export const RCODE = { NOERROR: 0, FORMERR: 1, NXDOMAIN: 3, REFUSED: 5 };

/** The query's id, flags and question; null when the packet cannot be a DNS query; {error} when malformed. */
export function parseQuery(msg) {
  if (msg.length < 12) return null;
  const id = msg.readUInt16BE(0);
  const flags = msg.readUInt16BE(2);
  if (flags & 0x8000) return null; // a response, not a query
  const qdcount = msg.readUInt16BE(4);
  if (qdcount !== 1) return { id, flags, error: true, question: Buffer.alloc(0) };
  const labels = [];
  let p = 12;
  while (true) {
    if (p >= msg.length) return { id, flags, error: true, question: Buffer.alloc(0) };
    const len = msg[p];
    if (len === 0) { p++; break; }
    if (len > 63 || p + 1 + len > msg.length) return { id, flags, error: true, question: Buffer.alloc(0) };
    labels.push(msg.toString('latin1', p + 1, p + 1 + len));
    p += 1 + len;
  }
  if (p + 4 > msg.length) return { id, flags, error: true, question: Buffer.alloc(0) };
  const type = msg.readUInt16BE(p);
  const klass = msg.readUInt16BE(p + 2);
  return { id, flags, name: labels.join('.'), type, klass, question: msg.subarray(12, p + 4) };
}

/** An authoritative response echoing the question; records answer it by pointing back at its name. */
export function answer(query, rcode, records) {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.id, 0);
  // QR=1, opcode copied, AA=1, RD copied, RA=0
  header.writeUInt16BE(0x8000 | (query.flags & 0x7800) | 0x0400 | (query.flags & 0x0100) | rcode, 2);
  header.writeUInt16BE(query.question.length ? 1 : 0, 4);
  header.writeUInt16BE(records.length, 6);
  const parts = [header, query.question];
  for (const r of records) {
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0); // the name at offset 12: the question's
    rr.writeUInt16BE(r.type, 2);
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(r.ttl, 6);
    rr.writeUInt16BE(r.data.length, 10);
    parts.push(rr, r.data);
  }
  return Buffer.concat(parts);
}

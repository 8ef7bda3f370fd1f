// A binary protocol as a Node developer writes it: frames of [u16 BE length][u8 type][payload], collected across
// chunks with Buffer.concat, read and answered with Buffer's typed reads and writes.
function frame(type, payload) {
  const out = Buffer.alloc(3 + payload.length);
  out.writeUInt16BE(payload.length, 0);
  out.writeUInt8(type, 2);
  payload.copy(out, 3);
  return out;
}

function answer(type, p) {
  switch (type) {
    case 1: { // sum of u32 LE, as u32 BE and i32 LE
      let sum = 0;
      for (let i = 0; i + 4 <= p.length; i += 4) sum += p.readUInt32LE(i);
      const out = Buffer.alloc(8);
      out.writeUInt32BE(sum >>> 0, 0);
      out.writeInt32LE(-sum | 0, 4);
      return frame(1, out);
    }
    case 2: { // floats and doubles both ways, 48-bit integers
      const out = Buffer.alloc(26);
      out.writeDoubleBE(p.readDoubleLE(0) * 2, 0);
      out.writeFloatLE(p.readFloatBE(8), 8);
      out.writeUIntBE(p.readUIntLE(12, 6) + 1, 12, 6);
      out.writeIntLE(-p.readIntBE(12, 6), 18, 6);
      out.writeInt16BE(p.readInt16LE(18), 24);
      return frame(2, out);
    }
    case 3: { // 64-bit integers
      const out = Buffer.alloc(16);
      out.writeBigUInt64LE(p.readBigUInt64BE(0) + 1n, 0);
      out.writeBigInt64BE(-p.readBigInt64LE(8), 8);
      return frame(3, out);
    }
    case 4: { // text in several encodings, searched and compared
      const text = p.toString('utf8');
      const parts = [
        Buffer.from(text, 'utf16le').toString('hex'),
        Buffer.from(text).toString('base64'),
        Buffer.from(text).toString('base64url'),
        Buffer.from(text, 'latin1').toString('latin1'),
        String(p.indexOf('é')), String(p.lastIndexOf(0x6c)), String(p.includes('lo')),
        String(Buffer.compare(p, Buffer.from('hello'))), String(p.equals(Buffer.from(text))),
        JSON.stringify(p.subarray(0, 2)), Buffer.from(p).swap16 ? 'swap' : '',
      ];
      return frame(4, Buffer.from(parts.join('|')));
    }
    default:
      return frame(0xff, Buffer.from(`unknown type ${type}`, 'latin1'));
  }
}

export function handle(conn) {
  let pending = Buffer.alloc(0);
  conn.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 3) {
      const length = pending.readUInt16BE(0);
      if (pending.length < 3 + length) break;
      const type = pending[2];
      const payload = pending.subarray(3, 3 + length);
      pending = pending.subarray(3 + length);
      conn.write(answer(type, payload));
    }
  });
}

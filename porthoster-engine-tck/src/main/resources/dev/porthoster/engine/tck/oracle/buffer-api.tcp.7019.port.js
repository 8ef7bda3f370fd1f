// Buffer beyond reads and writes, as protocol code uses it: fill, write with offset/length/encoding (never half a
// character), swap16/32/64, compare with ranges, lastIndexOf, readUIntBE with a byte length, copyBytesFrom,
// isEncoding, poolSize, toJSON; and Node's errors, with their codes, for what is out of range.
export function handle(conn) {
  conn.on('data', (chunk) => {
    const b = Buffer.alloc(12);
    const out = [];
    const step = (name, fn) => {
      try {
        const v = fn();
        out.push(`${name}=${Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? v + 'n' : JSON.stringify(v)}`);
      } catch (e) {
        out.push(`${name}!${e.name}[${e.code}] ${e.message}`);
      }
    };
    step('fill', () => b.fill('ab', 1, 7));
    step('fillHex', () => Buffer.alloc(5).fill('0102', 'hex'));
    step('write', () => [b.write('é€x', 7, 4, 'utf8'), b.toString('hex')]);
    step('writeLatin1', () => [b.write('ÿz', 10, 'latin1'), b.toString('latin1', 10)]);
    step('swap16', () => Buffer.from(chunk.subarray(0, 8)).swap16());
    step('swap32', () => Buffer.from(chunk.subarray(0, 8)).swap32());
    step('swap64', () => Buffer.from(chunk.subarray(0, 8)).swap64());
    step('swapOdd', () => Buffer.from([1, 2, 3]).swap16());
    step('compare', () => [chunk.compare(Buffer.from('cdef'), 0, 4, 2, 6), Buffer.compare(Buffer.from('a'), Buffer.from('b'))]);
    step('indexes', () => [chunk.indexOf('c'), chunk.lastIndexOf('c'), chunk.indexOf(0x66, -3), chunk.includes('zz')]);
    step('uintBE', () => [chunk.readUIntBE(1, 3), chunk.readIntLE(0, 5), chunk.readUIntLE(2, 6)]);
    step('copyBytesFrom', () => Buffer.copyBytesFrom(new Uint8Array([5, 6, 7, 8]), 1, 2));
    step('statics', () => [Buffer.isEncoding('UTF-8'), Buffer.isEncoding('utf9'), Buffer.poolSize, Buffer.byteLength('é€', 'utf8'), Buffer.byteLength('aGk=', 'base64')]);
    step('json', () => Buffer.from('hi').toJSON());
    step('slices', () => { const s = chunk.subarray(2, 4); s[0] = 0x58; return [chunk.toString('latin1', 0, 4), s.length]; });
    step('readOut', () => chunk.readUInt32LE(chunk.length - 2));
    step('writeBig', () => b.writeUInt8(256, 0));
    step('badOffset', () => b.readInt16BE(1.5));
    step('badType', () => b.writeInt32LE('1', 0));
    step('badEncoding', () => Buffer.from('x', 'utf9'));
    step('badSize', () => Buffer.alloc(-1));
    step('uintWidth', () => b.readUIntBE(0, 7));
    conn.write(out.join('\n') + '\n.\n');
  });
}

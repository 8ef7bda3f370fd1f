// RESP2 (the Redis protocol): an incremental request parser and reply encoders. Supporting code.

const CRLF = Buffer.from('\r\n');
const MAX_BULK = 512 * 1024 * 1024;

export class RespParser {
  constructor() {
    this.buffer = Buffer.alloc(0);
    this.quit = false;
  }

  /** Adds bytes; returns every complete command (an array of Buffers) they finish. */
  feed(chunk) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const commands = [];
    let pos = 0;
    while (pos < this.buffer.length) {
      const parsed = this.buffer[pos] === 0x2a /* * */ ? this.multibulk(pos) : this.inline(pos);
      if (parsed === null) break;
      if (parsed.args.length > 0) commands.push(parsed.args);
      pos = parsed.next;
    }
    this.buffer = pos === this.buffer.length ? Buffer.alloc(0) : this.buffer.subarray(pos);
    return commands;
  }

  line(pos) {
    const end = this.buffer.indexOf(CRLF, pos);
    return end < 0 ? null : end;
  }

  inline(pos) {
    const end = this.buffer.indexOf(0x0a, pos);
    if (end < 0) return null;
    const text = this.buffer.toString('latin1', pos, end).replace(/\r$/, '').trim();
    const args = text.length ? text.split(/\s+/).map((s) => Buffer.from(s, 'latin1')) : [];
    return { args, next: end + 1 };
  }

  multibulk(pos) {
    const end = this.line(pos);
    if (end === null) return null;
    const count = parseInt(this.buffer.toString('latin1', pos + 1, end), 10);
    if (!(count >= 0 && count <= 1024 * 1024)) throw new Error('invalid multibulk length');
    let p = end + 2;
    const args = new Array(count);
    for (let i = 0; i < count; i++) {
      if (p >= this.buffer.length) return null;
      if (this.buffer[p] !== 0x24 /* $ */) throw new Error(`expected '$', got '${String.fromCharCode(this.buffer[p])}'`);
      const lenEnd = this.line(p);
      if (lenEnd === null) return null;
      const len = parseInt(this.buffer.toString('latin1', p + 1, lenEnd), 10);
      if (!(len >= 0 && len <= MAX_BULK)) throw new Error('invalid bulk length');
      const start = lenEnd + 2;
      if (start + len + 2 > this.buffer.length) return null;
      args[i] = this.buffer.subarray(start, start + len);
      p = start + len + 2;
    }
    return { args, next: p };
  }
}

const OK = Buffer.from('+OK\r\n');
const NIL = Buffer.from('$-1\r\n');

export const reply = {
  OK,
  simple: (s) => Buffer.from(`+${s}\r\n`),
  error: (s) => Buffer.from(`-${s}\r\n`),
  integer: (n) => Buffer.from(`:${n}\r\n`),
  bulk(value) {
    if (value === null || value === undefined) return NIL;
    const body = typeof value === 'string' ? Buffer.from(value) : value;
    return Buffer.concat([Buffer.from(`$${body.length}\r\n`), body, CRLF]);
  },
  array: (items) => Buffer.concat([Buffer.from(`*${items.length}\r\n`), ...items]),
};

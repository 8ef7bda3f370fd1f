// A WebSocket server by hand: the HTTP upgrade with Sec-WebSocket-Accept from createHash('sha1'), then masked
// client frames (cut anywhere between chunks) echoed back unmasked; a ping gets a pong, a close frame a close.
import { createHash } from 'node:crypto';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode, payload) {
  const head = payload.length < 126 ? Buffer.from([0x80 | opcode, payload.length])
    : Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([head, payload]);
}

export function handle(conn, ctx) {
  let buffered = Buffer.alloc(0);
  let upgraded = false;
  conn.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    if (!upgraded) {
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [requestLine, ...headerLines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
      buffered = buffered.subarray(end + 4);
      const headers = Object.fromEntries(headerLines.map((l) => {
        const colon = l.indexOf(':');
        return [l.slice(0, colon).trim().toLowerCase(), l.slice(colon + 1).trim()];
      }));
      if (!requestLine.startsWith('GET ') || headers.upgrade?.toLowerCase() !== 'websocket') {
        conn.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
        return;
      }
      const accept = createHash('sha1').update(headers['sec-websocket-key'] + GUID).digest('base64');
      conn.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade',
        `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'));
      upgraded = true;
    }
    while (buffered.length >= 2) {
      const opcode = buffered[0] & 0x0f;
      let length = buffered[1] & 0x7f;
      let at = 2;
      if (length === 126) {
        if (buffered.length < 4) return;
        length = buffered.readUInt16BE(2);
        at = 4;
      }
      const masked = (buffered[1] & 0x80) !== 0;
      if (buffered.length < at + (masked ? 4 : 0) + length) return;
      const mask = masked ? buffered.subarray(at, at + 4) : null;
      at += masked ? 4 : 0;
      const payload = Buffer.from(buffered.subarray(at, at + length));
      if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
      buffered = buffered.subarray(at + length);
      if (opcode === 0x1) conn.write(frame(0x1, Buffer.from(`echo: ${payload.toString('utf8')}`)));
      else if (opcode === 0x9) conn.write(frame(0xa, payload));
      else if (opcode === 0x8) {
        conn.end(frame(0x8, payload.subarray(0, 2)));
        ctx.log(`closed with ${payload.length >= 2 ? payload.readUInt16BE(0) : 'no code'}`);
      }
    }
  });
}

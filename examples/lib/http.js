// HTTP/1.1 requests, parsed incrementally (keep-alive, pipelining, Content-Length bodies). Supporting code.

const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD = 16 * 1024;
const MAX_BODY = 1024 * 1024;

export class HttpParser {
  constructor() {
    this.buffer = Buffer.alloc(0);
  }

  /**
   * Adds bytes; returns every complete request they finish: {method, path, version, headers, body, keepAlive}.
   * A malformed request ends the list as {error}: the requests before it are still answered, in order.
   */
  feed(chunk) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out = [];
    try {
      this.parse(out);
    } catch (e) {
      out.push({ error: e.message });
      this.buffer = Buffer.alloc(0);
    }
    return out;
  }

  parse(out) {
    while (true) {
      const headEnd = this.buffer.indexOf(HEAD_END);
      if (headEnd < 0) {
        if (this.buffer.length > MAX_HEAD) throw new Error('request head too large');
        break;
      }
      const lines = this.buffer.toString('latin1', 0, headEnd).split('\r\n');
      const [method, target, version] = lines[0].split(' ');
      if (!method || !target || !/^HTTP\/1\.[01]$/.test(version ?? '')) throw new Error('malformed request line');
      const headers = {};
      for (let i = 1; i < lines.length; i++) {
        const colon = lines[i].indexOf(':');
        if (colon <= 0) throw new Error('malformed header line');
        headers[lines[i].slice(0, colon).trim().toLowerCase()] = lines[i].slice(colon + 1).trim();
      }
      if (headers['transfer-encoding']) throw new Error('chunked request bodies are not supported');
      const length = headers['content-length'] === undefined ? 0 : Number(headers['content-length']);
      if (!(Number.isInteger(length) && length >= 0 && length <= MAX_BODY)) throw new Error('bad content-length');
      const bodyStart = headEnd + 4;
      if (this.buffer.length < bodyStart + length) break;
      const body = Buffer.from(this.buffer.subarray(bodyStart, bodyStart + length));
      this.buffer = this.buffer.subarray(bodyStart + length);
      const connection = (headers.connection ?? '').toLowerCase();
      const keepAlive = version === 'HTTP/1.1' ? connection !== 'close' : connection === 'keep-alive';
      const q = target.indexOf('?');
      out.push({ method, path: q < 0 ? target : target.slice(0, q), query: q < 0 ? '' : target.slice(q + 1), version, headers, body, keepAlive });
    }
  }
}

const REASONS = { 200: 'OK', 400: 'Bad Request', 404: 'Not Found', 500: 'Internal Server Error' };

/** A complete response with Content-Length. */
export function response(status, body, headers = {}) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  let head = `HTTP/1.1 ${status} ${REASONS[status] ?? 'Unknown'}\r\ncontent-length: ${bytes.length}\r\n`;
  if (!('content-type' in headers)) head += 'content-type: text/plain; charset=utf-8\r\n';
  for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
  return Buffer.concat([Buffer.from(head + '\r\n'), bytes]);
}

/** The same response, telling the client the connection closes after it. */
response.withClose = (res) => {
  const headEnd = res.indexOf(HEAD_END);
  const head = res.toString('latin1', 0, headEnd);
  return head.includes('\r\nconnection: close') ? res
    : Buffer.concat([Buffer.from(head + '\r\nconnection: close'), res.subarray(headEnd)]);
};

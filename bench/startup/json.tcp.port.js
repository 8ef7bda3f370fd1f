// Cold-start set: JSON lines in, a JSON answer per line out, counting requests per connection.
import { lines } from './lib/lines.js';

export function handle(conn) {
  let count = 0;
  conn.setEncoding('utf8');
  conn.on('data', lines((text) => {
    count++;
    try {
      const request = JSON.parse(text);
      conn.write(JSON.stringify({ ok: true, count, keys: Object.keys(request).sort() }) + '\n');
    } catch (e) {
      conn.write(JSON.stringify({ ok: false, count, error: e.message }) + '\n');
    }
  }));
}

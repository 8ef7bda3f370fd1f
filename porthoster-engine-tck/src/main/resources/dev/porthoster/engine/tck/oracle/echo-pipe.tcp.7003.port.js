// The smallest relay: a greeting streamed from Readable.from, then whatever the client sends comes back through
// conn.pipe(conn), and the connection ends when the client's side does.
import { Readable } from 'node:stream';

export function handle(conn) {
  Readable.from(['welcome, ', 'echo follows\n']).pipe(conn, { end: false });
  conn.pipe(conn);
}

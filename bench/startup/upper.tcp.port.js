// Cold-start set: a line protocol answering each line in upper case.
import { lines } from './lib/lines.js';

export function handle(conn) {
  conn.setEncoding('utf8');
  conn.on('data', lines((text) => conn.write(text.toUpperCase() + '\n')));
}

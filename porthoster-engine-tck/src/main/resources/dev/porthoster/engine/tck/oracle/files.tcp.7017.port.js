// A handler that reaches for node:fs, as code copied from a Node server might: Node serves it, a broker refuses it
// at load (a handler has no file system), naming the file and line.
import fs from 'node:fs';

export function handle(conn) {
  conn.end(`fs.readFileSync is a ${typeof fs.readFileSync}\n`);
}

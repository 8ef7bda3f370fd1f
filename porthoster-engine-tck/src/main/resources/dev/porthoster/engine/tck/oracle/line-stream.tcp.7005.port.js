// A line protocol built from streams: conn piped into a Transform that cuts lines (object mode out), piped into a
// Writable that answers each command on conn. Reads are paused while a command is answered asynchronously.
import { Transform, Writable, finished } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

class Lines extends Transform {
  constructor() {
    super({ readableObjectMode: true });
    this.rest = '';
  }
  _transform(chunk, encoding, callback) {
    const parts = (this.rest + chunk.toString('latin1')).split('\r\n');
    this.rest = parts.pop();
    for (const p of parts) this.push(Buffer.from(p, 'latin1').toString('utf8'));
    callback();
  }
  _flush(callback) {
    if (this.rest) this.push(Buffer.from(this.rest, 'latin1').toString('utf8'));
    callback();
  }
}

export function handle(conn) {
  const lines = new Lines();
  const answers = new Writable({
    objectMode: true,
    write(line, encoding, callback) {
      const [cmd, ...args] = line.split(' ');
      if (cmd === 'ECHO') {
        conn.write(`+${args.join(' ')}\r\n`);
        callback();
      } else if (cmd === 'SLOW') {
        sleep(Number(args[0])).then(() => { conn.write(`+slept ${args[0]}\r\n`); callback(); });
      } else if (cmd === 'LEN') {
        conn.write(`:${Buffer.byteLength(args.join(' '))}\r\n`);
        callback();
      } else {
        conn.write(`-ERR unknown command '${cmd}'\r\n`);
        callback();
      }
    },
    final(callback) {
      conn.end('+BYE\r\n');
      callback();
    },
  });
  conn.pipe(lines).pipe(answers);
  finished(answers, (err) => { if (err) conn.destroy(err); });
}

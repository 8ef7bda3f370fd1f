// A relay through a Transform with stream.pipeline: the client's text comes back upper-cased, a StringDecoder keeps
// characters cut between chunks whole, and flush() adds a last line when the client ends.
import { pipeline, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export function handle(conn, ctx) {
  const decoder = new StringDecoder('utf8');
  const upper = new Transform({
    transform(chunk, encoding, callback) {
      callback(null, decoder.write(chunk).toUpperCase());
    },
    flush(callback) {
      callback(null, decoder.end() + '-- bye\n');
    },
  });
  pipeline(conn, upper, conn, (err) => ctx.log(`pipeline done: ${err ? err.code : 'ok'}`));
}

// A response streamed with stream/promises' pipeline from a generator, then the connection's end awaited with
// finished(): how a handler sends a long answer without holding it all and without ignoring backpressure.
import { Readable } from 'node:stream';
import { pipeline, finished } from 'node:stream/promises';

function* numbered(count) {
  for (let i = 1; i <= count; i++) yield `${String(i).padStart(5, '0')} ${'x'.repeat(57)}\n`;
}

export async function handle(conn, ctx) {
  conn.once('data', async (d) => {
    const count = Number(String(d).trim());
    await pipeline(Readable.from(numbered(count)), conn);
    ctx.log(`sent ${count} lines, ${conn.bytesWritten} bytes`);
  });
  await finished(conn).catch(() => {});
}

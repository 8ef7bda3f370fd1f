// Writing faster than the client reads: write() returns false once the kernel's buffers are full, writableLength
// and writableNeedDrain say so, and 'drain' comes once the client has read; cork()/uncork() send small writes as
// one; an idle timeout with setTimeout ends the connection.
export function handle(conn) {
  conn.setNoDelay(true);
  conn.setKeepAlive(true, 1000);
  conn.once('data', () => {
    const chunk = Buffer.alloc(65536, 0x61);
    let written = chunk.length;
    while (conn.write(chunk)) written += chunk.length;
    const report = `false after ${written >= 65536 ? '64 KiB or more' : written} queued=${conn.writableLength > 0} needDrain=${conn.writableNeedDrain}`;
    conn.once('drain', () => {
      conn.cork();
      conn.write('\n');
      conn.write(report);
      conn.write(` drained queued=${conn.writableLength} needDrain=${conn.writableNeedDrain}\n`);
      conn.uncork();
      conn.setTimeout(50, () => conn.end(`idle after ${conn.timeout} ms\n`));
    });
  });
}

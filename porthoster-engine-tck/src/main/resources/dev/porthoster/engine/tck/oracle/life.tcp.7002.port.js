// A connection's state through its life, as net.Socket reports it: readyState, flowing, byte counts, addresses.
// The first line a client sends picks the life (peer-ends, server-ends, destroy); a later connection sends 'report'
// to read what the earlier ones went through (a handler cannot write to a connection once it closed).
const reports = [];
let live = 0;
let connections = 0;
let whenAllClosed = null;

function state(tag, c) {
  const a = c.address();
  return `${tag}: ${c.readyState} flowing=${c.readableFlowing} read=${c.bytesRead} written=${c.bytesWritten}`
    + ` queued=${c.writableLength} readable=${c.readable} writable=${c.writable} destroyed=${c.destroyed}`
    + ` pending=${c.pending} connecting=${c.connecting} ended=${c.readableEnded}/${c.writableEnded}/${c.writableFinished}`
    + ` local=${c.localAddress}/${c.localFamily}/${typeof c.localPort}`
    + ` address=${a.address}/${a.family}/${a.port !== undefined && a.port === c.localPort}`
    + ` remote=${c.remoteAddress}/${c.remoteFamily}/${typeof c.remotePort}`;
}

export function handle(conn) {
  const seen = [state('handle', conn)];
  const id = connections++;
  live++;
  conn.once('close', (hadError) => {
    seen.push(state(`close(${hadError})`, conn));
    if (seen.length > 1) reports[id] = seen.join('\n'); // in the order the connections came
    if (--live === 1 && whenAllClosed) whenAllClosed();
  });
  conn.once('data', (first) => {
    const mode = String(first).trim();
    seen.push(state(`data ${mode}`, conn));
    if (mode === 'report') { // once every earlier connection has closed
      seen.length = 0;
      whenAllClosed = () => { whenAllClosed = null; conn.end(reports.filter((r) => r).join('\n--\n') + '\n'); };
      if (live === 1) whenAllClosed();
      return;
    }
    conn.on('end', () => seen.push(state('end', conn)));
    conn.on('finish', () => seen.push(state('finish', conn)));
    conn.write('ok\n');
    seen.push(state('after write', conn));
    conn.pause();
    seen.push(state('paused', conn));
    conn.resume();
    if (mode === 'server-ends') {
      conn.end('bye\n');
      seen.push(state('after end', conn));
    } else if (mode === 'destroy') {
      conn.destroy();
      seen.push(state('after destroy', conn));
    }
    conn.on('data', (more) => {
      seen.push(state(`data ${String(more).trim()}`, conn));
      if (!conn.writableEnded) conn.write('more\n');
    });
  });
}

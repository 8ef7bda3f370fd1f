// A line protocol as a Node developer writes it: setEncoding('utf8'), a text buffer, one answer per line.
export function handle(conn, ctx) {
  conn.setEncoding('utf8');
  conn.write(`hello from ${ctx.name}:${ctx.port} ${ctx.protocol}\n`);
  let pending = '';
  conn.on('data', (text) => {
    conn.write(`[${text}]`); // each chunk as it came: a character cut between two chunks arrives whole in one
    pending += text;
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line === 'quit') {
        conn.end('bye\n');
        return;
      }
      conn.write(`${line.length} chars, ${Buffer.byteLength(line)} bytes: ${line.toUpperCase()}\n`);
    }
  });
  conn.on('end', () => ctx.log(`end with ${pending.length} chars pending`));
}

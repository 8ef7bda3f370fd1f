// TCP 7000: greets every client, then echoes whatever it sends.
//   nc 127.0.0.1 7000
export function handle(conn, ctx) {
  conn.write(`hello from :${ctx.port}\n`);
  conn.on('data', (chunk) => conn.write(chunk));
}

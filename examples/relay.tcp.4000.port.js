// TCP 4000: relays each client to the echo example on 127.0.0.1:7000 and back, with backpressure both ways.
//   nc 127.0.0.1 4000     (the echo's greeting "hello from :7000" arrives through the relay)
// Its manifest, relay.tcp.4000.port.json, lists 127.0.0.1:7000 under "connect": without that entry the broker
// refuses the connection before anything is sent, and upstream gets an ERR_ACCESS_DENIED 'error'.
import net from 'node:net';

export function handle(conn, ctx) {
  // A client that sends and at once half-closes (nc -q, printf | nc) still gets the answer: its FIN goes on to
  // the echo through pipe(), and this side ends when the echo's does, not at the client's FIN.
  conn.allowHalfOpen = true;
  const upstream = net.connect(7000, '127.0.0.1');
  upstream.on('error', (err) => {
    ctx.log.warn(`upstream for ${conn.remoteAddress}:${conn.remotePort}: ${err.message}`);
    conn.destroy();
  });
  conn.on('close', () => upstream.destroy());
  conn.pipe(upstream);
  upstream.pipe(conn);
}

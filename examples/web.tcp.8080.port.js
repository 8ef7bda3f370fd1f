// TCP 8080: an HTTP/1.1 server with keep-alive and pipelining, enough for curl and wrk.
//   curl -i http://127.0.0.1:8080/          curl http://127.0.0.1:8080/hello/you
//   wrk -t2 -c64 -d10s http://127.0.0.1:8080/
import { HttpParser, response } from './lib/http.js';

function route(req, ctx) {
  if (req.method === 'GET' && req.path === '/') {
    return response(200, 'hello world\n');
  }
  if (req.method === 'GET' && req.path.startsWith('/hello/')) {
    return response(200, `hello, ${decodeURIComponent(req.path.slice(7))}, from :${ctx.port}\n`);
  }
  if (req.method === 'POST' && req.path === '/echo') {
    return response(200, req.body, { 'content-type': req.headers['content-type'] ?? 'application/octet-stream' });
  }
  return response(404, 'not found\n');
}

export function handle(conn, ctx) {
  const parser = new HttpParser();
  conn.on('data', (chunk) => {
    for (const req of parser.feed(chunk)) {
      if (req.error) {
        conn.end(response(400, `${req.error}\n`, { connection: 'close' }));
        return;
      }
      const res = route(req, ctx);
      if (req.keepAlive) {
        conn.write(res);
      } else {
        conn.end(response.withClose(res));
        return;
      }
    }
  });
}

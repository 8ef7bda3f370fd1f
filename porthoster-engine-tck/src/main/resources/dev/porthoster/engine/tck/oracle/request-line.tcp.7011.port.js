// An HTTP request line and Host header parsed with URL and URLSearchParams, answered with util.format and
// util.inspect: what a small HTTP handler does before routing.
import { format, inspect } from 'node:util';

export function handle(conn) {
  let head = '';
  conn.setEncoding('latin1');
  conn.on('data', (text) => {
    head += text;
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    const [requestLine, ...headerLines] = head.slice(0, end).split('\r\n');
    head = head.slice(end + 4);
    const [method, target, version] = requestLine.split(' ');
    const host = (headerLines.find((l) => /^host:/i.test(l)) || 'Host: localhost').slice(5).trim();
    let url;
    try {
      url = new URL(target, `http://${host}`);
    } catch (e) {
      conn.write(format('%s %s\r\n', e.code, e.message));
      return;
    }
    const params = [...url.searchParams].map(([k, v]) => `${k}=${v}`);
    conn.write(format('%s %s %s -> %s\r\n', method, url.pathname, version, url.href));
    conn.write(format('host=%s hostname=%s port=%s origin=%s\r\n', url.host, url.hostname, url.port || '-', url.origin));
    conn.write(format('params %j get(q)=%s has(z)=%s size=%d\r\n', params, url.searchParams.get('q'),
      url.searchParams.has('z'), url.searchParams.size));
    url.searchParams.append('added', 'a b&c');
    url.hash = 'frag ment';
    conn.write(format('rebuilt %s | relative %s\r\n', url.href, new URL('../up?x#y', url).href));
    conn.write(format('inspect %s %o %d%% %i\r\n', inspect({ path: url.pathname, n: [1, 'two'] }), 'o', 42.5, 42.9));
  });
}

// Text across chunks with TextDecoder({stream: true}) and StringDecoder in utf8, utf16le, base64 and hex, then
// TextEncoder's encode and encodeInto: each chunk's text as it arrived, and the whole at the end.
import { StringDecoder } from 'node:string_decoder';
import { TextDecoder as UtilTextDecoder, TextEncoder as UtilTextEncoder } from 'node:util';

export function handle(conn) {
  const text = new TextDecoder('utf-8');
  const decoders = ['utf8', 'utf16le', 'base64', 'hex'].map((e) => new StringDecoder(e));
  const seen = [];
  conn.on('data', (chunk) => {
    const parts = [text.decode(chunk, { stream: true }), ...decoders.map((d) => d.write(chunk))];
    seen.push(parts.map((p) => JSON.stringify(p)).join(' '));
    conn.write(`${seen.length}\n`);
  });
  conn.on('end', () => {
    seen.push([text.decode(), ...decoders.map((d) => d.end())].map((p) => JSON.stringify(p)).join(' '));
    const enc = new UtilTextEncoder();
    const target = new Uint8Array(5);
    const { read, written } = enc.encodeInto('h€llo', target);
    seen.push(`${enc.encode('✓').join(',')} ${read} ${written} ${UtilTextDecoder === TextDecoder}`);
    seen.push(new TextDecoder('utf-16le').decode(new Uint8Array([0x68, 0, 0xac, 0x20])));
    try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xc3])); } catch (e) { seen.push(`${e.name} ${e.code}`); }
    conn.end(seen.join('\n') + '\n');
  });
}

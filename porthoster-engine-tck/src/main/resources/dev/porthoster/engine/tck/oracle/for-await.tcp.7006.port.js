// Reading with for await: each chunk as a string after setEncoding, a summary when the client ends; 'stop' leaves
// the loop early, which destroys the connection as in Node.
export async function handle(conn) {
  conn.setEncoding('utf8');
  let chunks = 0;
  for await (const chunk of conn) {
    chunks++;
    conn.write(`[${chunk}]`);
    if (chunk.includes('stop')) break;
  }
  if (!conn.destroyed) conn.end(`${chunks} chunks\n`);
}

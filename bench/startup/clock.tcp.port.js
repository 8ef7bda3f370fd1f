// Cold-start set: greets with the time and closes (bench/cold starts it beside the examples).
export function handle(conn, ctx) {
  conn.end(`${new Date().toISOString()} from ${ctx.name}\n`);
}

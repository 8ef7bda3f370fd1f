// A UDP handler: each datagram parsed with Buffer and answered with ctx.reply to its sender; a query type byte
// picks the answer, as a small DNS-like protocol would.
let count = 0;

export function message(msg, rinfo, ctx) {
  count++;
  const type = msg[0];
  if (type === 0x01) {
    const name = msg.subarray(2, 2 + msg[1]).toString('utf8');
    const answer = Buffer.alloc(6 + Buffer.byteLength(name));
    answer.writeUInt8(0x81, 0);
    answer.writeUInt8(count, 1);
    answer.writeUInt32BE(name.length, 2);
    answer.write(name, 6);
    ctx.reply(answer, rinfo);
  } else if (type === 0x02) {
    ctx.reply(`${ctx.name} ${ctx.protocol} ${ctx.port} ${rinfo.family} size=${rinfo.size} len=${msg.length} #${count}`, rinfo);
  } else {
    ctx.reply(Buffer.from([0xff, type ?? 0]), rinfo);
  }
}

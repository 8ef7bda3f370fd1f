// UDP 9000: answers every datagram with "pong #N", N counting every datagram this broker has seen.
//   socat - UDP:127.0.0.1:9000     (type a line, press enter)
export async function message(msg, rinfo, ctx) {
  const n = await ctx.shared.increment('counter:pings');
  ctx.reply(`pong #${n}\n`, rinfo);
}

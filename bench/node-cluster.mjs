// Runs a Porthoster handler file on Node's cluster, as `instances: N` runs it on porthoster: a primary forks N worker
// processes, each running the file through bench/node-runner.mjs (the same ctx; ctx.instance is the worker's number
// from 0), and node:cluster shares the port between them: new TCP connections are handed out round robin by the
// primary (Node's default everywhere but Windows), a UDP socket is shared by the workers. Each worker has its own
// ctx.shared (node-runner's in-memory Map): nothing crosses processes, which costs Node nothing here.
//   node bench/node-cluster.mjs WORKERS HANDLER_FILE PORT
import cluster from 'node:cluster';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [workersArg, file, port] = process.argv.slice(2);
const workers = Number(workersArg);
if (!Number.isInteger(workers) || workers < 1 || !file || !port) {
  console.error('usage: node node-cluster.mjs WORKERS NAME.(tcp|udp).PORT.port.js LISTEN_PORT');
  process.exit(2);
}
cluster.setupPrimary({
  exec: path.join(path.dirname(fileURLToPath(import.meta.url)), 'node-runner.mjs'),
  args: [file, port],
});
let listening = 0;
cluster.on('listening', () => {
  if (++listening === workers) console.log(`node-cluster: ${workers} workers serve ${path.basename(file)} on ${port}`);
});
cluster.on('exit', (worker, code, signal) => {
  if (!stopping) console.error(`node-cluster: worker ${worker.process.pid} exited (${signal ?? code})`);
});
let stopping = false;
const stop = () => {
  stopping = true;
  for (const w of Object.values(cluster.workers)) w.kill();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
for (let i = 0; i < workers; i++) cluster.fork({ PORTHOSTER_INSTANCE: String(i) });

// Runs a Porthoster handler file on Node.js with the same ctx, so the same file can be measured side by side.
//   node bench/node-runner.mjs HANDLER_FILE PORT
// The handler's folder needs a package.json with {"type": "module"} (bench/run makes one). The runner itself is the
// one the Node oracle uses (porthoster-engine-tck), so the benchmark and the oracle give handlers the same ctx.
await import('../porthoster-engine-tck/src/main/resources/dev/porthoster/engine/tck/node-runner.mjs');

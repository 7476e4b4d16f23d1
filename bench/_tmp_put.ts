import { startRealServer } from "./real-server";
const s = await startRealServer("postgres", { WARROOM_MAX_BODY_BYTES: String(16 << 20), LOG_LEVEL: "error" }, {});
const lines = ["name: bench", "layers:", "  - key: bench", "    name: Bench", "    checks:"];
for (let i = 0; i < Number(process.argv[2]); i++) lines.push(`      - { key: c${i}, name: check ${i}, type: tcp, config: { host: "127.0.0.1", port: 9 }, intervalSec: 10, timeoutMs: 5000, runOn: agents, spread: 1 }`);
const t = performance.now();
const r = await fetch(`${s.base}/api/stack`, { method: "PUT", headers: { "content-type": "application/yaml", origin: s.base, cookie: s.cookie }, body: lines.join("\n") + "\n" });
console.log(r.status, await r.text(), performance.now() - t);
await s.stop();

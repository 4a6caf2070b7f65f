import autocannon from "autocannon";
import { readFileSync } from "node:fs";
const pid = Number(process.argv[2]);
const cpu = () => { const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" "); return (Number(f[11]) + Number(f[12])) * 10; };
for (const path of process.argv.slice(3)) {
  await autocannon({ url: `http://localhost:3901${path}`, connections: 10, amount: 100 });
  const before = cpu();
  const r = await autocannon({ url: `http://localhost:3901${path}`, connections: 10, amount: 600 });
  const used = cpu() - before;
  console.log(path, "cpu ms/request", (used / 600).toFixed(2), "req/s", Math.round(r.requests.average), "p50", r.latency.p50, "non2xx", r.non2xx);
}

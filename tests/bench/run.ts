// `npm run bench [-- --placements N | --mentees N | --large] [-- --processes 2]`: every benchmark, one after
// the other, each with the same arguments (a benchmark ignores those that are not its own). Results go to bench-results/*.json.
import { spawnSync } from "node:child_process";

const benchmarks = ["tests/bench/placements.bench.ts", "tests/bench/import.bench.ts", "tests/bench/import-limits.bench.ts", "tests/bench/page-weight.ts", "tests/bench/outcomes.bench.ts", "tests/bench/alerts.bench.ts", "tests/bench/lists.bench.ts", "tests/bench/backup.bench.ts"];
for (const file of benchmarks) {
  const run = spawnSync(process.execPath, ["--import", "tsx", file, ...process.argv.slice(2)], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

// `npm run eval:matching`: the ranking's quality on the labelled set, next to a keyword baseline.
// Writes bench-results/matching-eval.json and prints a table, whether each goal of issue 16 is met
// and the mentees whose first three hold nothing worth proposing. Exits 1 only when the ranking
// does not beat the baseline on precision@3 and nDCG@5; the goals are reported, not enforced.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServices } from "../../server/services/manager.ts";

const dataDir = join(process.cwd(), ".data", `eval-${process.pid}`);
const services = await startServices({ dataDir, source: {} as NodeJS.ProcessEnv });
Object.assign(process.env, services.env, { MONGODB_URI: services.env.MONGODB_URI.replace(/\/[^/]*$/, "/eval") });
let failed = false;
try {
  const { connectDatabase, disconnectDatabase } = await import("~/db/connection.server.ts");
  const { ensureIndexes } = await import("~/models.server.ts");
  const { evalSetProblems, runMatchingEvaluation } = await import("../../seed/matching-evaluation.ts");
  await connectDatabase();
  await ensureIndexes();
  const result = await runMatchingEvaluation();
  await disconnectDatabase();
  mkdirSync("bench-results", { recursive: true });
  writeFileSync("bench-results/matching-eval.json", `${JSON.stringify(result, null, 2)}\n`);
  const problems = evalSetProblems();
  if (problems.length > 0) console.error(`The labelled set has problems:\n  ${problems.join("\n  ")}`);
  const row = (name: string, m: typeof result.ranking) =>
    `${name.padEnd(17)}${String(m.precisionAt3).padStart(12)}${String(m.ndcgAt5).padStart(9)}${String(m.trapsAt3.count).padStart(9)}${String(m.leftWithoutMatch.length).padStart(10)}${String(m.misses.length).padStart(8)}`;
  console.log(`${result.mentees} mentees, ${result.placements} placements; best possible precision@3 ${result.bestPrecisionAt3}`);
  console.log(`${"".padEnd(17)}${"precision@3".padStart(12)}${"nDCG@5".padStart(9)}${"traps@3".padStart(9)}${"no match".padStart(10)}${"misses".padStart(8)}`);
  console.log(row("ranking", result.ranking));
  console.log(row("keyword baseline", result.keywordBaseline));
  for (const [name, c] of Object.entries(result.byCase)) {
    console.log(`  ${name} (${c.mentees}): ranking ${c.ranking.precisionAt3} / ${c.ranking.ndcgAt5}, baseline ${c.keywordBaseline.precisionAt3} / ${c.keywordBaseline.ndcgAt5}`);
  }
  for (const [goal, { goal: target, met }] of Object.entries(result.goals)) console.log(`goal ${goal} ${target}: ${met ? "met" : "not met"}`);
  for (const miss of result.ranking.misses) {
    const top3 = miss.top3.map((p) => `${p.key} (${p.grade})`).join(", ") || "nothing";
    const ideal = Object.entries(miss.idealAt).map(([key, at]) => `${key} at ${at ?? "—"}`).join(", ");
    console.log(`miss ${miss.mentee}: top 3 ${top3}; ideal ${ideal}`);
  }
  console.log("Details: bench-results/matching-eval.json");
  failed = !(result.ranking.precisionAt3 > result.keywordBaseline.precisionAt3 && result.ranking.ndcgAt5 > result.keywordBaseline.ndcgAt5);
  if (failed) console.error("The ranking does not beat the keyword baseline on both measures.");
} finally {
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

// `npm run eval:matching`: the ranking's quality on the labelled set, next to a keyword baseline.
// Writes bench-results/matching-eval.json; exits 1 when the ranking does not beat the baseline.
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
  const { runMatchingEvaluation } = await import("../../seed/matching-evaluation.ts");
  await connectDatabase();
  await ensureIndexes();
  const result = await runMatchingEvaluation();
  await disconnectDatabase();
  mkdirSync("bench-results", { recursive: true });
  writeFileSync("bench-results/matching-eval.json", `${JSON.stringify(result, null, 2)}\n`);
  console.log(`mentees ${result.mentees}, placements ${result.placements}`);
  console.log(`ranking          precision@3 ${result.ranking.precisionAt3}  nDCG@5 ${result.ranking.ndcgAt5}  (precision@3 ceiling ${result.precisionAt3Ceiling})`);
  console.log(`keyword baseline precision@3 ${result.keywordBaseline.precisionAt3}  nDCG@5 ${result.keywordBaseline.ndcgAt5}`);
  failed = !(result.ranking.precisionAt3 > result.keywordBaseline.precisionAt3 && result.ranking.ndcgAt5 > result.keywordBaseline.ndcgAt5);
  if (failed) console.error("The ranking does not beat the keyword baseline on both measures.");
} finally {
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

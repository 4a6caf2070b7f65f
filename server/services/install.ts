// `npm run services:install`: prepares the embedded services ahead of their first start
// (FerretDB built with Go and cached; the Meilisearch binary made executable).
import { ensureFerretdbBinary } from "./ferretdb.ts";
import { meilisearchBinary } from "./meilisearch.ts";

console.log(`FerretDB:    ${await ensureFerretdbBinary()}`);
console.log(`Meilisearch: ${meilisearchBinary()}`);

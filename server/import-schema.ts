// `npm run import:schema`: writes docs/import.schema.json, the JSON Schema of a JSON import file,
// from the zod schemas that check each row (app/import/json-schema.server.ts). Run it after changing a
// form schema, app/import/format.ts or app/import/row-schemas.server.ts; tests/unit/import-schema.test.ts fails until it is run.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { importJsonSchema } from "~/import/json-schema.server.ts";

const target = fileURLToPath(new URL("../docs/import.schema.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(importJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${target}.`);

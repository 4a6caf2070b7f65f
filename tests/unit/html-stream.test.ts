import { renderToPipeableStream } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { withoutNulBytes } from "~/ui/html-stream.server.ts";

function render(texts: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const out = withoutNulBytes();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    out.on("end", () => resolve(Buffer.concat(chunks)));
    out.on("error", reject);
    const { pipe } = renderToPipeableStream(createElement("ul", null, ...texts.map((text, i) => createElement("li", { key: i }, text))), {
      onAllReady: () => pipe(out),
      onShellError: reject,
    });
  });
}

describe("a page's bytes", () => {
  it("carry every Croatian and Danish letter intact and no NUL, wherever the letter falls against React's 2 KB buffer", async () => {
    // Short texts, as a page has them: each is written into the buffer, and one of them ends up across its end.
    for (let padding = 0; padding < 24; padding++) {
      const texts = ["x".repeat(padding), ...Array.from({ length: 400 }, (_, i) => `Vaše ime ${i}, Ærø, žuto`)];
      const bytes = await render(texts);
      expect(bytes.includes(0), `padding ${padding}`).toBe(false);
      const page = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      for (const text of texts) expect(page, `padding ${padding}`).toContain(`>${text}<`);
    }
  });
});

import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderPage } from "~/ui/html-stream.server.ts";

async function render(texts: string[]): Promise<Buffer> {
  const { html } = await renderPage(createElement("ul", null, ...texts.map((text, i) => createElement("li", { key: i }, text))), { nonce: "", timeoutMs: 5_000 });
  return html;
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

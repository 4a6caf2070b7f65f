import { Writable } from "node:stream";
import type { ReactNode } from "react";
import { renderToPipeableStream } from "react-dom/server";

/**
 * A page's bytes without NUL bytes. React 18's stream writer, when a multi-byte character
 * (š, ž, ø, æ) does not fit the end of its 2 KB buffer, sends the whole buffer, unfilled bytes
 * included, and the character again at the start of the next: the page gets NULs where a Croatian
 * or Danish letter crosses a 2 KB boundary. A page of ours never carries a NUL of its own (form
 * fields refuse control characters), so dropping them gives back exactly what React meant to send.
 */
export function withoutNulBytes(bytes: Buffer): Buffer {
  return bytes.includes(0) ? Buffer.from(bytes.filter((byte) => byte !== 0)) : bytes;
}

/**
 * A whole page, rendered to one buffer. The portal's pages wait for nothing (no deferred data), so
 * streaming them only cost time: each of React's small chunks went through several streams and a
 * write to the socket of its own. One buffer is written at once, with its length.
 */
export function renderPage(page: ReactNode, options: { nonce: string; timeoutMs: number }): Promise<{ html: Buffer; failed: boolean }> {
  return new Promise((resolve, reject) => {
    let failed = false;
    let abort = () => {};
    const abortLater = setTimeout(() => abort(), options.timeoutMs);
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const { pipe, abort: abortRender } = renderToPipeableStream(page, {
      nonce: options.nonce,
      onAllReady() {
        sink.once("finish", () => {
          clearTimeout(abortLater);
          resolve({ html: withoutNulBytes(Buffer.concat(chunks)), failed });
        });
        pipe(sink);
      },
      onShellError(error: unknown) {
        clearTimeout(abortLater);
        reject(error);
      },
      onError() {
        failed = true;
      },
    });
    abort = abortRender;
  });
}

import { Transform } from "node:stream";

/**
 * The page's byte stream without NUL bytes. React 18's stream writer, when a multi-byte character
 * (š, ž, ø, æ) does not fit the end of its 2 KB buffer, sends the whole buffer, unfilled bytes
 * included, and the character again at the start of the next: the page gets NULs where a Croatian
 * or Danish letter crosses a 2 KB boundary. A page of ours never carries a NUL of its own (form
 * fields refuse control characters), so dropping them gives back exactly what React meant to send.
 */
export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}

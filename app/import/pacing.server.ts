/**
 * A check of a large file is seconds of work on the one thread that answers every request. Called
 * often (every row, every chunk), the returned function lets other requests run after each slice
 * of `sliceMs` milliseconds, so the portal stays responsive while a file is read and checked.
 */
export function giveWay(sliceMs = 10): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

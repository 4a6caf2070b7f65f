import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Nonce for the inline scripts Remix writes, matching the Content-Security-Policy header. */
    cspNonce: string;
    /** The client's address as Express sees it (honours trust proxy), for rate limits. */
    clientAddress: string;
    /** The `handle` exports of the routes that render the requested page, root first (for the messages it needs). */
    pageHandles: readonly unknown[];
    /**
     * Set by an action that wants its page's loaders to know they render the page again after a
     * form (a refused form answers 400 with the page around it), not for a fresh look.
     */
    formSubmitted?: boolean;
  }
}

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

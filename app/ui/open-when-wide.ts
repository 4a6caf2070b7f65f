import { useEffect, type RefObject } from "react";

/** Where a folded part of the page (the header's menu, the search filters) is shown open; app.css uses the same width. */
export const WIDE_SCREEN = "(min-width: 48rem)";

/**
 * Opens a <details> on wide screens, and folds it when the screen becomes narrow. The stylesheet
 * already shows its content on wide screens without JavaScript; this makes the element say so too.
 */
export function useOpenWhenWide(ref: RefObject<HTMLDetailsElement>) {
  useEffect(() => {
    const wide = window.matchMedia(WIDE_SCREEN);
    if (wide.matches && ref.current) ref.current.open = true;
    const follow = () => {
      if (ref.current) ref.current.open = wide.matches;
    };
    wide.addEventListener("change", follow);
    return () => wide.removeEventListener("change", follow);
  }, [ref]);
}

// What the shell gives a view, and what a view gives back.
import type { Route } from './router';
import type { Session } from './session';

export interface ViewContext {
  session: Session;
  /** The <main> element the view owns. */
  main: HTMLElement;
  /** Aborted when the view is unmounted: pass it to every request. */
  signal: AbortSignal;
}

export interface View {
  /** A new route for the same view (same key): return true when handled in place. */
  update?(route: Route): boolean;
  destroy?(): void;
}

// The shell's history of screens and each screen's kept state, without React: `navigate`
// remembers the screen shown (and a copy of its kept values) and shows another; `back` shows
// the one before as it was left. Each show has a new serial: the shell mounts the screen
// afresh, and the screen reads its kept values back (`useKept`).
import { openRequestOf, type KeptValues, type OpenRequest, type Route } from "./navigation";

/** What the shell shows now. */
export interface Shown {
  route: Route;
  /** Changes with every navigation (the screen's mount key). */
  serial: number;
  /** The record to open, only when a link asked for one (not after Back). */
  open: OpenRequest | undefined;
}

interface Entry {
  route: Route;
  kept: KeptValues;
}

/** How many screens Back can go through. */
export const historyLimit = 50;

export class ScreenHistory {
  private readonly kept = new Map<string, KeptValues>();
  private readonly entries: Entry[] = [];
  private current: Shown;

  constructor(first: Route) {
    this.current = { route: first, serial: 0, open: openRequestOf(first) };
  }

  get shown(): Shown {
    return this.current;
  }

  get canGoBack(): boolean {
    return this.entries.length > 0;
  }

  /** The screens Back goes through, the latest last (for tests and the Back button's title). */
  get backRoutes(): readonly Route[] {
    return this.entries.map((entry) => entry.route);
  }

  /** The kept values of `screen`, shared with the screen while it is shown. */
  keptOf(screen: string): KeptValues {
    let values = this.kept.get(screen);
    if (values === undefined) {
      values = new Map();
      this.kept.set(screen, values);
    }
    return values;
  }

  navigate(to: Route): Shown {
    const leaving = this.current.route;
    this.entries.push({ route: leaving, kept: new Map(this.keptOf(leaving.screen)) });
    if (this.entries.length > historyLimit) this.entries.shift();
    this.current = { route: to, serial: this.current.serial + 1, open: openRequestOf(to) };
    return this.current;
  }

  /** Shows the screen before as it was left; `undefined` when there is none. */
  back(): Shown | undefined {
    const entry = this.entries.pop();
    if (entry === undefined) return undefined;
    this.kept.set(entry.route.screen, entry.kept);
    this.current = { route: entry.route, serial: this.current.serial + 1, open: undefined };
    return this.current;
  }
}

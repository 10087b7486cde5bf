// The one way to go from one screen to another: a typed `Route`, `navigate(to)` and `back()`
// from `useNavigation()`, and `<RecordLink record="rack/…">` for a record shown anywhere.
// The shell keeps the history and each screen's kept state (`useKept`): leaving a screen and
// coming back, by its navigation item, a link or Back, finds it as it was left.
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type Dispatch,
  type MouseEvent,
  type ReactNode,
  type SetStateAction,
} from "react";

/**
 * Where to go: a screen of the screen table and, optionally, a record it shows (a document id
 * such as `asset/01J…`, `rack/01J…`, `cable/01J…`, or `person/이서연` for a name), in its
 * form (`edit`), or a part of it (`focus`: a device's placement id in a rack).
 */
export interface Route {
  screen: string;
  record?: string;
  edit?: boolean;
  focus?: string;
}

/**
 * A record a screen was asked to open: a new object for each navigation, so a screen opens
 * each request once. `id` is the record's id without its kind (`01J…`, `이서연`).
 */
export interface OpenRequest {
  record: string;
  kind: string;
  id: string;
  edit?: boolean;
  focus?: string;
}

/** The kind of a record id: `rack` of `rack/01J…`. */
export function recordKind(record: string): string {
  const slash = record.indexOf("/");
  return slash < 0 ? record : record.slice(0, slash);
}

/** The id of a record without its kind: `01J…` of `rack/01J…`. */
export function recordId(record: string): string {
  const slash = record.indexOf("/");
  return slash < 0 ? "" : record.slice(slash + 1);
}

/** The route that shows `record` among `screens`: the first that declares its kind. */
export function routeIn(
  screens: readonly { id: string; opens?: readonly { kind: string }[] }[],
  record: string,
  extra?: Omit<Route, "screen" | "record">,
): Route | undefined {
  const kind = recordKind(record);
  const entry = screens.find((screen) => screen.opens?.some((opened) => opened.kind === kind));
  return entry === undefined ? undefined : { ...extra, screen: entry.id, record };
}

/** The request a screen gets for a route that names a record. */
export function openRequestOf(route: Route): OpenRequest | undefined {
  if (route.record === undefined) return undefined;
  return {
    record: route.record,
    kind: recordKind(route.record),
    id: recordId(route.record),
    edit: route.edit,
    focus: route.focus,
  };
}

export interface Navigation {
  /** Shows `to`, remembering the screen shown now (with its kept state) for Back. */
  navigate: (to: Route) => void;
  /** The screen shown before, as it was left; nothing when there is none. */
  back: () => void;
  canGoBack: boolean;
  /** The route that shows `record`: the screen that declares its kind; none if no screen does. */
  routeFor: (record: string, extra?: Omit<Route, "screen" | "record">) => Route | undefined;
}

const noNavigation: Navigation = {
  navigate: () => undefined,
  back: () => undefined,
  canGoBack: false,
  routeFor: () => undefined,
};

export const NavigationContext = createContext<Navigation>(noNavigation);

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}

/** Goes to `record`'s screen, if a screen shows its kind. */
export function useOpenRecord(): (
  record: string,
  extra?: Omit<Route, "screen" | "record">,
) => void {
  const navigation = useNavigation();
  return useCallback(
    (record, extra) => {
      const route = navigation.routeFor(record, extra);
      if (route !== undefined) navigation.navigate(route);
    },
    [navigation],
  );
}

/**
 * A record's name as a link to its screen (`rack/…` opens the rack, `asset/…` the asset):
 * the one way a record shown anywhere links to it. Without a screen for its kind (or without
 * a record) it is plain text.
 */
export function RecordLink(props: {
  record: string | null | undefined;
  children: ReactNode;
  focus?: string;
  edit?: boolean;
  testId?: string;
  className?: string;
  title?: string;
}) {
  const navigation = useNavigation();
  const route =
    props.record === null || props.record === undefined || props.record === ""
      ? undefined
      : navigation.routeFor(props.record, { focus: props.focus, edit: props.edit });
  if (route === undefined) {
    return (
      <span className={props.className} data-testid={props.testId}>
        {props.children}
      </span>
    );
  }
  return (
    <a
      href={`#${route.screen}`}
      className={`record-link ${props.className ?? ""}`}
      data-testid={props.testId}
      data-record={props.record}
      title={props.title}
      onClick={(event: MouseEvent) => {
        event.preventDefault();
        event.stopPropagation();
        navigation.navigate(route);
      }}
    >
      {props.children}
    </a>
  );
}

/** One screen's kept values, by name. */
export type KeptValues = Map<string, unknown>;

const KeptContext = createContext<KeptValues | null>(null);

/** Gives the screen below its kept values (the shell does, per screen and workspace). */
export function KeptScope(props: { values: KeptValues; children: ReactNode }) {
  return <KeptContext.Provider value={props.values}>{props.children}</KeptContext.Provider>;
}

/**
 * `useState` that the shell keeps while the screen is not shown: the search, filters, sort,
 * selection, the open record, a grid's scroll. `name` is unique within the screen. `replace`,
 * when given, wins over the kept value when the component mounts (a link asked for another
 * record). Outside a screen (a test rendering a component alone) it is plain state.
 */
export function useKept<T>(
  name: string,
  initial: T | (() => T),
  replace?: T,
): [T, Dispatch<SetStateAction<T>>] {
  const kept = useContext(KeptContext);
  const [value, setValue] = useState<T>(() => {
    let start: T;
    if (replace !== undefined) start = replace;
    else if (kept?.has(name) === true) start = kept.get(name) as T;
    else start = typeof initial === "function" ? (initial as () => T)() : initial;
    kept?.set(name, start);
    return start;
  });
  const set = useCallback<Dispatch<SetStateAction<T>>>(
    (next) =>
      setValue((previous) => {
        const value = typeof next === "function" ? (next as (previous: T) => T)(previous) : next;
        kept?.set(name, value);
        return value;
      }),
    [kept, name],
  );
  return [value, set];
}

/**
 * A kept value that is not state (a scroll position): read once when the component mounts,
 * written without rendering again. Outside a screen it keeps nothing.
 */
export function useKeptValue<T>(name: string, initial: T): { initial: T; set: (value: T) => void } {
  const kept = useContext(KeptContext);
  const [start] = useState<T>(() => (kept?.has(name) === true ? (kept.get(name) as T) : initial));
  const set = useCallback((value: T) => kept?.set(name, value), [kept, name]);
  return useMemo(() => ({ initial: start, set }), [start, set]);
}

/**
 * Keeps a scrolling element's position while its screen is not shown: a ref callback for the
 * element. Back on the screen the position is put back as soon as the content is tall
 * enough (lists arrive after the screen mounts); DataGrid keeps its own the same way.
 */
export function useKeptScroll(name: string): (element: HTMLElement | null) => void {
  const kept = useKeptValue(`scroll:${name}`, 0);
  const cleanup = useRef<(() => void) | null>(null);
  // Put back once, the first time the content is tall enough.
  const pending = useRef(kept.initial);
  return useCallback(
    (element: HTMLElement | null) => {
      cleanup.current?.();
      cleanup.current = null;
      if (element === null) return;
      const restore = () => {
        const wanted = pending.current;
        if (wanted <= 0 || element.scrollHeight - element.clientHeight < wanted) return;
        element.scrollTop = wanted;
        pending.current = 0;
        observer?.disconnect();
      };
      const onScroll = () => {
        // Scrolled by the user before the content arrived: theirs wins.
        if (element.scrollTop > 0) pending.current = 0;
        kept.set(element.scrollTop);
      };
      const observer =
        pending.current > 0 && typeof MutationObserver !== "undefined"
          ? new MutationObserver(restore)
          : null;
      observer?.observe(element, { childList: true, subtree: true });
      restore();
      element.addEventListener("scroll", onScroll);
      cleanup.current = () => {
        observer?.disconnect();
        element.removeEventListener("scroll", onScroll);
      };
    },
    [kept],
  );
}

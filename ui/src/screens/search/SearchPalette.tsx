// The global search (Ctrl K, from any screen): every kind of record, from core's search over
// each area's source; the kinds it can open and their names come from the screen table
// (`opens`). Type, ↑/↓ to choose, Enter opens the record on its screen, Esc closes.
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { SearchHit } from "../../bindings/SearchHit";
import type { SearchResults } from "../../bindings/SearchResults";
import { Dialog } from "../../components/Dialog";
import { useLanguage, useT, type MessageKey } from "../../i18n";
import { call } from "../../ipc";
import { describeError } from "../../lib/errors";
import { formatCount } from "../../lib/format";
import { recordKind, useNavigation } from "../../lib/navigation";

/** How many hits are asked for: more than fit, fewer than the index holds. */
export const searchLimit = 30;

/** What the palette needs of the screen table: the kinds each screen opens. */
export interface SearchableScreen {
  opens?: readonly { kind: string; label: MessageKey }[];
}

export function SearchPalette(props: {
  screens: readonly SearchableScreen[];
  onClose: () => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const navigation = useNavigation();
  const [text, setText] = useState("");
  const [answer, setAnswer] = useState<{ text: string; results: SearchResults }>();
  const [failure, setFailure] = useState<unknown>();
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);

  const kindLabels = new Map<string, MessageKey>();
  for (const screen of props.screens) {
    for (const opened of screen.opens ?? []) kindLabels.set(opened.kind, opened.label);
  }

  // Each keystroke asks core (a search over the demo workspace takes about a millisecond);
  // an answer to an older text than the latest is dropped.
  const latest = useRef("");
  useEffect(() => {
    latest.current = text;
    if (text.trim() === "") {
      setAnswer(undefined);
      return;
    }
    call("search", { text, limit: searchLimit })
      .then((results) => {
        if (latest.current !== text) return;
        setFailure(undefined);
        setAnswer({ text, results });
        setActive(0);
      })
      .catch((error: unknown) => {
        if (latest.current === text) setFailure(error);
      });
  }, [text]);

  // Only hits a screen can open are offered.
  const hits: SearchHit[] = (answer?.results.hits ?? []).filter((hit) =>
    kindLabels.has(recordKind(hit.record)),
  );

  useEffect(() => {
    list.current
      ?.querySelector<HTMLElement>(`[data-index="${active}"]`)
      ?.scrollIntoView?.({ block: "nearest" });
  }, [active]);

  const open = (hit: SearchHit | undefined) => {
    if (hit === undefined) return;
    const route = navigation.routeFor(hit.record);
    if (route === undefined) return;
    props.onClose();
    navigation.navigate(route);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (hits.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((at) => (at + step + hits.length) % hits.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      open(hits[active]);
    }
  };

  let body;
  if (failure !== undefined) {
    body = (
      <p className="banner banner-error" role="alert">
        {t("search.failed", { message: describeError(t, failure) })}
      </p>
    );
  } else if (text.trim() === "") {
    body = <p className="search-palette-note">{t("search.hint")}</p>;
  } else if (answer === undefined) {
    body = <p className="search-palette-note">{t("search.searching")}</p>;
  } else if (hits.length === 0) {
    body = (
      <p className="search-palette-note" data-testid="search-none">
        {t("search.none", { text: answer.text })}
      </p>
    );
  } else {
    body = (
      <>
        <ul
          ref={list}
          className="search-palette-list"
          role="listbox"
          id="search-palette-list"
          aria-label={t("search.results")}
          data-testid="search-results"
        >
          {hits.map((hit, index) => (
            <li
              key={hit.record}
              id={`search-hit-${index}`}
              role="option"
              aria-selected={index === active}
              className="search-palette-hit"
              data-index={index}
              data-testid="search-hit"
              data-kind={hit.kind}
              data-record={hit.record}
              onMouseMove={() => setActive(index)}
              onClick={() => open(hit)}
            >
              <span className="search-palette-kind">
                {t(kindLabels.get(recordKind(hit.record)) ?? "search.results")}
              </span>
              <span className="search-palette-title">{hit.title}</span>
              <span className="search-palette-detail">{hit.detail}</span>
            </li>
          ))}
        </ul>
        {answer.results.total > answer.results.hits.length && (
          <p className="search-palette-note" data-testid="search-more">
            {t("search.more")} ({formatCount(answer.results.total, language)})
          </p>
        )}
      </>
    );
  }

  return (
    <Dialog
      title={t("search.title")}
      onClose={props.onClose}
      testId="search-palette"
      onKeyDown={onKeyDown}
    >
      <input
        type="search"
        className="input search-palette-input"
        data-autofocus
        data-testid="search-palette-input"
        aria-label={t("search.input")}
        placeholder={t("search.placeholder")}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls="search-palette-list"
        aria-activedescendant={hits.length > 0 ? `search-hit-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {body}
    </Dialog>
  );
}

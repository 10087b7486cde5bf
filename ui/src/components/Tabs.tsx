// Tabs over a screen's sections (the `.tabs` look the audit detail's filters have): a
// tablist whose arrow keys, Home and End move between the tabs (and choose them), one tab in
// the Tab order, and the chosen section as the tabpanel it labels.
import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";

export interface TabItem<Id extends string> {
  id: Id;
  label: string;
}

export function Tabs<Id extends string>(props: {
  /** The tablist's accessible name. */
  label: string;
  tabs: readonly TabItem<Id>[];
  chosen: Id;
  onChoose: (id: Id) => void;
  /** Test ids: the list is `{testId}`, each tab `{testId}-{id}`, the panel `{testId}-panel`. */
  testId: string;
  /** The chosen tab's content. */
  children: ReactNode;
}) {
  const { tabs, chosen, onChoose } = props;
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  const tabId = (id: Id) => `${base}-tab-${id}`;
  const panelId = `${base}-panel`;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((tab) => tab.id === chosen);
    const to =
      event.key === "ArrowRight"
        ? (at + 1) % tabs.length
        : event.key === "ArrowLeft"
          ? (at - 1 + tabs.length) % tabs.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? tabs.length - 1
              : -1;
    const next = tabs[to];
    if (next === undefined) return;
    event.preventDefault();
    onChoose(next.id);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[to]?.focus();
  };
  return (
    <>
      <div
        ref={list}
        className="tabs"
        role="tablist"
        aria-label={props.label}
        data-testid={props.testId}
        onKeyDown={onKeyDown}
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={tabId(tab.id)}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab.id === chosen}
            aria-controls={panelId}
            tabIndex={tab.id === chosen ? 0 : -1}
            data-testid={`${props.testId}-${tab.id}`}
            onClick={() => onChoose(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        id={panelId}
        className="tab-panel"
        role="tabpanel"
        aria-labelledby={tabId(chosen)}
        data-testid={`${props.testId}-panel`}
      >
        {props.children}
      </div>
    </>
  );
}

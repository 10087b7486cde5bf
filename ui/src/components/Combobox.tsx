import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";

export interface ComboboxOption {
  /** What is picked (and shown in the box once picked). */
  value: string;
  /** A quieter second line: a rack's row and units, say. */
  hint?: string;
}

interface ComboboxProps {
  value: string;
  options: readonly ComboboxOption[];
  onChange: (value: string) => void;
  placeholder?: string;
  testId?: string;
  name?: string;
  disabled?: boolean;
  /** Shown in the list when there is nothing to pick from at all (say what to pick first). */
  emptyText: string;
  /** Shown when what was typed matches nothing. */
  noMatchText: string;
  /** Set by <Field>. */
  id?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
  "aria-required"?: boolean;
}

/** Case- and width-insensitive text for matching what is typed against what is offered. */
function folded(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * A text box that picks one of a list by typing: the list narrows to what contains the text,
 * ↑/↓ move through it, Enter (or a click) picks, Esc closes the list (a second Esc goes on
 * to the dialog). A value typed whole is taken as it is; one that names nothing stays in the
 * box, and the command refuses it with its words under the field.
 */
export function Combobox({
  value,
  options,
  onChange,
  placeholder,
  testId,
  name,
  disabled,
  emptyText,
  noMatchText,
  id,
  ...aria
}: ComboboxProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // Until the person types, the whole list shows (the box holds the value picked).
  const [typed, setTyped] = useState(false);
  const list = useRef<HTMLUListElement>(null);

  const shown = useMemo(() => {
    if (!typed || value.trim() === "") return options;
    const wanted = folded(value);
    const starts = options.filter((option) => folded(option.value).startsWith(wanted));
    const contains = options.filter(
      (option) => !folded(option.value).startsWith(wanted) && folded(option.value).includes(wanted),
    );
    return [...starts, ...contains];
  }, [options, value, typed]);

  const move = (to: number) => {
    if (shown.length === 0) return;
    const next = (to + shown.length) % shown.length;
    setActive(next);
    const item = list.current?.querySelector<HTMLElement>(`[data-index="${next}"]`);
    // (jsdom has no scrollIntoView.)
    if (typeof item?.scrollIntoView === "function") item.scrollIntoView({ block: "nearest" });
  };

  const pick = (option: ComboboxOption) => {
    onChange(option.value);
    setTyped(false);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        const current = shown.findIndex((option) => option.value === value);
        setActive(current >= 0 ? current : 0);
        return;
      }
      move(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" && open) {
      const option = shown[active];
      // Picking is all Enter does while the list is open; the form is not sent.
      event.preventDefault();
      event.stopPropagation();
      if (option !== undefined) pick(option);
      else setOpen(false);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  const activeOption = open ? shown[active] : undefined;
  return (
    <div className="combobox">
      <input
        id={id}
        {...aria}
        className="input"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={
          activeOption !== undefined ? `${listId}-${shown.indexOf(activeOption)}` : undefined
        }
        data-testid={testId}
        name={name}
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          onChange(event.target.value);
          setTyped(true);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          // Typed whole in another case: take the place's own spelling.
          const exact = options.find((option) => folded(option.value) === folded(value));
          if (exact !== undefined && exact.value !== value) onChange(exact.value);
          setTyped(false);
        }}
        onClick={() => setOpen(true)}
      />
      {open && (
        <ul className="combobox-list" role="listbox" id={listId} ref={list}>
          {shown.length === 0 ? (
            <li className="combobox-empty" role="presentation">
              {options.length === 0 ? emptyText : noMatchText}
            </li>
          ) : (
            shown.map((option, index) => (
              <li
                key={option.value}
                id={`${listId}-${index}`}
                data-index={index}
                data-testid={testId === undefined ? undefined : `${testId}-option`}
                role="option"
                aria-selected={index === active}
                className={`combobox-option ${index === active ? "combobox-option-active" : ""}`}
                // Picked before the box loses focus.
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(option);
                }}
                onMouseEnter={() => setActive(index)}
              >
                <span className="combobox-value">{option.value}</span>
                {option.hint !== undefined && option.hint !== "" && (
                  <span className="combobox-hint">{option.hint}</span>
                )}
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}

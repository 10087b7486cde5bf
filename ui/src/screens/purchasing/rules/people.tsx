// The people a rule or a substitute names: in a team's workspace the roster's members (a
// Person's `who` is the account id), else names as typed (`who` is the name).
import { useEffect, useState } from "react";
import type { MemberView } from "../../../bindings/MemberView";
import type { Person } from "../../../bindings/Person";
import { Icon } from "../../../components/Icon";
import { useT } from "../../../i18n";
import { useCommand } from "../../../lib/useCommand";

/** The roster's members when the workspace has a team; null when it has none. */
export function useRosterPeople(): MemberView[] | null | undefined {
  const me = useCommand("members_me", {}).data;
  const team = me?.bound === true;
  const roster = useCommand("members_roster", team ? {} : null).data;
  if (me === undefined) return undefined;
  if (!team) return null;
  return roster?.members ?? [];
}

/** People as one line: 최재무·정보안. */
export function names(people: readonly Person[]): string {
  return people.map((person) => person.name || person.who).join("·");
}

function typed(text: string): Person[] {
  return text
    .split(/[,·]/)
    .map((name) => name.trim())
    .filter((name) => name !== "")
    .map((name) => ({ who: name, name }));
}

interface ControlProps {
  /** Set by a surrounding Field, as on any control. */
  id?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
  "aria-required"?: boolean;
}

/** One or more people: chips and a picker of members, or names typed with commas. */
export function PeopleInput(
  props: ControlProps & {
    people: MemberView[] | null | undefined;
    value: Person[];
    onChange: (value: Person[]) => void;
    testId: string;
  },
) {
  const t = useT();
  const { people, value, onChange, testId, ...control } = props;
  const [text, setText] = useState(value.map((person) => person.name).join(", "));
  useEffect(() => {
    // Kept in step when the list changes from outside (not while typing the same names).
    if (names(typed(text)) !== names(value)) setText(value.map((p) => p.name).join(", "));
  }, [value]);
  if (people === null || people === undefined) {
    return (
      <input
        {...control}
        value={text}
        data-testid={testId}
        onChange={(event) => {
          setText(event.target.value);
          onChange(typed(event.target.value));
        }}
      />
    );
  }
  const left = people.filter((member) => !value.some((person) => person.who === member.user_id));
  return (
    <div className="rules-people" data-testid={`${testId}-people`}>
      {value.map((person) => (
        <span className="chip" key={person.who} data-testid={`${testId}-chip`}>
          <span className="chip-label">{person.name || person.who}</span>
          <button
            type="button"
            className="chip-remove"
            aria-label={t("rules.removePerson", { name: person.name || person.who })}
            onClick={() => onChange(value.filter((other) => other.who !== person.who))}
          >
            <Icon name="x" size={12} />
          </button>
        </span>
      ))}
      <select
        {...control}
        value=""
        data-testid={testId}
        onChange={(event) => {
          const member = people.find((m) => m.user_id === event.target.value);
          if (member !== undefined)
            onChange([...value, { who: member.user_id, name: member.name }]);
        }}
      >
        <option value="">{t("rules.addPerson")}</option>
        {left.map((member) => (
          <option key={member.user_id} value={member.user_id}>
            {member.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One person (or nobody): a member chosen, or a name typed. */
export function PersonInput(
  props: ControlProps & {
    people: MemberView[] | null | undefined;
    value: Person | null;
    onChange: (value: Person | null) => void;
    testId: string;
  },
) {
  const t = useT();
  const { people, value, onChange, testId, ...control } = props;
  if (people === null || people === undefined) {
    return (
      <input
        {...control}
        value={value?.name ?? ""}
        data-testid={testId}
        onChange={(event) => {
          const name = event.target.value;
          onChange(name.trim() === "" ? null : { who: name.trim(), name });
        }}
      />
    );
  }
  const known = value === null || people.some((member) => member.user_id === value.who);
  return (
    <select
      {...control}
      value={value?.who ?? ""}
      data-testid={testId}
      onChange={(event) => {
        const member = people.find((m) => m.user_id === event.target.value);
        onChange(member === undefined ? null : { who: member.user_id, name: member.name });
      }}
    >
      <option value="">{t("rules.pickPerson")}</option>
      {!known && value !== null && <option value={value.who}>{value.name || value.who}</option>}
      {people.map((member) => (
        <option key={member.user_id} value={member.user_id}>
          {member.name}
        </option>
      ))}
    </select>
  );
}

// 담당자별: pick a person (or job) and see what they hold now and what they held before.
import { EmptyState } from "../../components/EmptyState";
import { Field } from "../../components/Field";
import { Spinner } from "../../components/Spinner";
import { useT } from "../../i18n";
import { describeError } from "../../lib/errors";
import { RecordLink, useKept, useKeptScroll, type OpenRequest } from "../../lib/navigation";
import { useCommand } from "../../lib/useCommand";

export function PeopleScreen({ opening }: { opening?: OpenRequest }) {
  const t = useT();
  const names = useCommand("life_assignees", {});
  // The person shown is kept while another screen is; a link to a person shows them.
  const [name, setName] = useKept("name", "", opening?.kind === "person" ? opening.id : undefined);
  const keptScroll = useKeptScroll("people");
  const wanted = name.trim();
  const found = useCommand("life_assigned", wanted === "" ? null : { name: wanted });
  const list = found.data ?? [];
  const current = list.filter((p) => p.line.returned_on === null);
  const past = list.filter((p) => p.line.returned_on !== null);

  let body;
  if (names.data !== undefined && names.data.length === 0) {
    body = <EmptyState icon="box" title={t("people.none")} testId="people-empty" />;
  } else if (wanted === "") {
    body = <p className="muted">{t("people.pick")}</p>;
  } else if (found.error !== undefined) {
    body = <p className="banner banner-error">{describeError(t, found.error)}</p>;
  } else if (found.data === undefined) {
    body = <Spinner label={t("common.loading")} />;
  } else if (list.length === 0) {
    body = <p className="muted">{t("people.nothingFor", { name: wanted })}</p>;
  } else {
    const rows = (title: string, items: typeof list, testId: string) => (
      <section className="detail-section" data-testid={testId}>
        <h3 className="section-title">{title}</h3>
        <ul className="life-list">
          {items.map((p, index) => (
            <li key={`${p.asset}-${index}`}>
              <RecordLink
                record={`asset/${p.asset}`}
                className="tabular"
                testId="person-asset-link"
              >
                {p.tag}
              </RecordLink>
              {" · "}
              {[
                p.model,
                `${p.line.from} ~ ${p.line.returned_on ?? (p.line.due !== null ? `(${p.line.due})` : "")}`,
                p.line.condition !== null ? t(`condition.${p.line.condition}`) : "",
              ]
                .filter((part) => part !== "")
                .join(" · ")}
            </li>
          ))}
        </ul>
      </section>
    );
    body = (
      <>
        {rows(t("people.current", { count: current.length }), current, "people-current")}
        {rows(t("people.past", { count: past.length }), past, "people-past")}
      </>
    );
  }
  return (
    <div className="screen-pad" ref={keptScroll}>
      <h1 className="screen-title">{t("people.title")}</h1>
      <Field label={t("people.search")}>
        <input
          value={name}
          list="people-names"
          data-autofocus
          autoFocus
          data-testid="people-search"
          onChange={(event) => setName(event.target.value)}
        />
      </Field>
      <datalist id="people-names">
        {(names.data ?? []).map((person) => (
          <option key={person} value={person} />
        ))}
      </datalist>
      {body}
    </div>
  );
}

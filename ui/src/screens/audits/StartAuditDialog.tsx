import { useMemo, useState } from "react";
import type { AuditScope } from "../../bindings/AuditScope";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { CreateFirst } from "../../components/EmptyState";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { call } from "../../ipc";
import { describeError } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";

type ScopeKind = "room" | "racks" | "search";

/**
 * Starts an audit over a room, some of its racks, or the assets a search finds. The expected
 * list is taken from the records the moment it starts.
 */
export function StartAuditDialog(props: { onClose: () => void; onStarted: (id: string) => void }) {
  const t = useT();
  const tree = useCommand("places_tree", {});
  const racks = useCommand("cable_racks", {});
  const sites = tree.data ?? [];
  const [name, setName] = useState("");
  const [kind, setKind] = useState<ScopeKind>("racks");
  const [site, setSite] = useState("");
  const [room, setRoom] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [search, setSearch] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const siteNode = sites.find((node) => node.site.name === site) ?? sites[0];
  const siteName = siteNode?.site.name ?? "";
  const roomName = room !== "" ? room : (siteNode?.rooms[0]?.name ?? "");
  const roomRacks = useMemo(
    // By site and room: two sites may each have a room of the same name.
    () => (racks.data ?? []).filter((rack) => rack.site === siteName && rack.room === roomName),
    [racks.data, siteName, roomName],
  );
  const scope: AuditScope | null =
    kind === "search"
      ? search.trim() === ""
        ? null
        : {
            site: "",
            room: "",
            rows: [],
            racks: [],
            filter: JSON.stringify({ search: search.trim() }),
          }
      : siteName === ""
        ? null
        : {
            site: siteName,
            room: roomName,
            rows: [],
            racks: kind === "racks" ? chosen : [],
            filter: null,
          };
  const ready = name.trim() !== "" && scope !== null && (kind !== "racks" || chosen.length > 0);

  const start = async () => {
    if (scope === null) return;
    setBusy(true);
    try {
      const summary = await call("audit_start", { name, scope });
      props.onStarted(summary.audit.id);
    } catch (error) {
      setFailure(describeError(t, error));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t("audit.start.title")}
      onClose={props.onClose}
      size="lg"
      testId="audit-start-dialog"
      footer={
        <>
          <Button onClick={props.onClose}>{t("common.cancel")}</Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={!ready}
            onClick={() => void start()}
            data-testid="audit-start-save"
          >
            {t("audit.start.save")}
          </Button>
        </>
      }
    >
      <Field label={t("audit.start.name")} required>
        <input
          value={name}
          data-autofocus
          data-testid="audit-start-name"
          placeholder={t("audit.start.namePlaceholder")}
          onChange={(event) => setName(event.target.value)}
        />
      </Field>
      <Field label={t("audit.start.scope")}>
        <div className="segmented">
          {(["racks", "room", "search"] as const).map((option) => (
            <button
              key={option}
              type="button"
              className="segmented-item"
              aria-pressed={kind === option}
              data-testid={`audit-scope-${option}`}
              onClick={() => setKind(option)}
            >
              {t(`audit.start.kind.${option}`)}
            </button>
          ))}
        </div>
      </Field>
      {kind === "search" ? (
        <Field label={t("audit.start.search")} hint={t("audit.start.searchHint")}>
          <input value={search} onChange={(event) => setSearch(event.target.value)} />
        </Field>
      ) : tree.data !== undefined && !sites.some((node) => node.rooms.length > 0) ? (
        <CreateFirst
          icon="rack"
          title={t("audit.start.noPlacesTitle")}
          body={t("audit.start.noPlaces")}
          screen="racks"
          go={t("createFirst.goRacks")}
          onGo={props.onClose}
          testId="audit-start-no-places"
        />
      ) : (
        <>
          <div className="form-row">
            <Field label={t("audit.start.site")}>
              <select
                value={siteName}
                data-testid="audit-start-site"
                onChange={(event) => setSite(event.target.value)}
              >
                {sites.map((node) => (
                  <option key={node.site.id} value={node.site.name}>
                    {node.site.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t("audit.start.room")}>
              <select
                value={roomName}
                data-testid="audit-start-room"
                onChange={(event) => setRoom(event.target.value)}
              >
                {(siteNode?.rooms ?? []).map((node) => (
                  <option key={node.id} value={node.name}>
                    {node.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          {kind === "racks" && racks.data !== undefined && roomRacks.length === 0 ? (
            <CreateFirst
              icon="rack"
              title={t("audit.start.noRacksTitle", { room: roomName })}
              body={t("audit.start.noRacks")}
              screen="racks"
              go={t("createFirst.goRacks")}
              onGo={props.onClose}
              testId="audit-start-no-racks"
            />
          ) : (
            kind === "racks" && (
              <fieldset className="rack-checklist" data-testid="audit-start-racks">
                <legend>{t("audit.start.racks", { count: chosen.length })}</legend>
                {roomRacks.map((rack) => (
                  <label key={rack.id} className="checkbox-line">
                    <input
                      type="checkbox"
                      checked={chosen.includes(rack.name)}
                      data-testid={`audit-rack-${rack.name}`}
                      onChange={(event) =>
                        setChosen((list) =>
                          event.target.checked
                            ? [...list, rack.name]
                            : list.filter((other) => other !== rack.name),
                        )
                      }
                    />
                    {rack.name}
                  </label>
                ))}
              </fieldset>
            )
          )}
        </>
      )}
      {failure !== null && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </Dialog>
  );
}

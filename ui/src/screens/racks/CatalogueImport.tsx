import { useRef, useState } from "react";
import type { CatalogueProblem } from "../../bindings/CatalogueProblem";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { Icon } from "../../components/Icon";
import { useToast } from "../../components/Toast";
import { useT, type Translate } from "../../i18n";
import { call, CommandError } from "../../ipc";
import { describeError } from "../../lib/errors";
import { readText } from "../../lib/files";

export function catalogueProblemText(t: Translate, problem: CatalogueProblem): string {
  return t("rack.catalogue.problem", {
    entry: problem.entry,
    field: problem.field,
    what: t(`rack.catalogue.code.${problem.code}`),
    value: problem.value,
  });
}

/**
 * Adds device types from a YAML file (NetBox devicetype-library shape) or a CSV: every entry
 * or none. Refused entries are listed with their number and field, so the file can be fixed.
 */
export function CatalogueImport() {
  const t = useT();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<readonly CatalogueProblem[] | null>(null);
  const read = async (file: File | undefined) => {
    if (file === undefined) return;
    setBusy(true);
    try {
      const text = await readText(file);
      const format = file.name.toLowerCase().endsWith(".csv") ? "csv" : "yaml";
      const added = await call("device_types_import", { text, format });
      toast(t("rack.catalogue.added", { count: added.length }), "success");
    } catch (failure) {
      if (failure instanceof CommandError && failure.catalogue.length > 0) {
        setProblems(failure.catalogue);
      } else {
        toast(t("toast.failed", { message: describeError(t, failure) }), "error");
      }
    } finally {
      setBusy(false);
      if (input.current !== null) input.current.value = "";
    }
  };
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".yaml,.yml,.csv"
        className="sr-only"
        tabIndex={-1}
        data-testid="catalogue-file"
        onChange={(event) => void read(event.target.files?.[0])}
      />
      <Button
        size="sm"
        variant="ghost"
        icon={<Icon name="upload" size={14} />}
        busy={busy}
        onClick={() => input.current?.click()}
        data-testid="catalogue-import"
      >
        {t("rack.catalogue.import")}
      </Button>
      {problems !== null && (
        <Dialog
          title={t("rack.catalogue.refusedTitle")}
          onClose={() => setProblems(null)}
          testId="catalogue-refused"
          footer={<Button onClick={() => setProblems(null)}>{t("common.close")}</Button>}
        >
          <p>{t("rack.catalogue.refusedBody")}</p>
          <ul className="catalogue-problems">
            {problems.map((problem, index) => (
              <li key={index} data-testid="catalogue-problem">
                {catalogueProblemText(t, problem)}
              </li>
            ))}
          </ul>
        </Dialog>
      )}
    </>
  );
}

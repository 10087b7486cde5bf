// Running a command from a form or dialog: busy while it runs, and when it is refused, the
// lines that say why (every broken rule, bad row or template problem), shown in the form.
import { useState } from "react";
import { useT } from "../../i18n";
import { refusalLines } from "./cableText";

export function useRefusable() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setProblems([]);
    try {
      await work();
    } catch (failure) {
      setProblems(refusalLines(t, failure));
    } finally {
      setBusy(false);
    }
  };
  return { busy, problems, setProblems, run };
}

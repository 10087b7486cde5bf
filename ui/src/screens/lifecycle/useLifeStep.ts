// Running a lifecycle step from a dialog: busy while it runs; when refused, the problems
// under their fields and the rest as lines (see `refusal`).
import { useState } from "react";
import { useT } from "../../i18n";
import { noRefusal, refusal, type Refusal } from "./lifeText";

export function useLifeStep(formFields: readonly string[]) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<Refusal>(noRefusal);
  /** Runs `work`; true when it went through. */
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setRefused(noRefusal);
    try {
      await work();
      return true;
    } catch (failure) {
      setRefused(refusal(t, failure, formFields));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, refused, run };
}

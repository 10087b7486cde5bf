// `useRefusal` (lib/problems) for the backups screen's dialogs: busy while the command runs;
// when refused, the folder's problem under its field and the rest as lines (`backupRefusal`),
// and the failure itself, which the import dialog asks whether importing as new gets past.
import { useState } from "react";
import { useT } from "../../i18n";
import { noRefusal, type Refusal } from "../../lib/problems";
import { backupRefusal } from "./backupText";

export function useBackupRefusal(formFields: readonly string[]) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<Refusal>(noRefusal);
  const [failure, setFailure] = useState<unknown>();
  /** Runs `work`; true when it went through. */
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setRefused(noRefusal);
    setFailure(undefined);
    try {
      await work();
      return true;
    } catch (caught) {
      setFailure(caught);
      setRefused(backupRefusal(t, caught, formFields));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, refused, failure, run };
}

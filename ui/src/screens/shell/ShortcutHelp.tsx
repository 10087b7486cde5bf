import { Dialog } from "../../components/Dialog";
import { Kbd } from "../../components/Kbd";
import { useT, type MessageKey } from "../../i18n";

/** One row of the help: its keys (alternatives separated by "or") and what they do. */
export interface ShortcutRow {
  keys: readonly (readonly string[])[];
  action: MessageKey;
}

/** The shell's own keys and those every screen shares; each screen's come from its entry. */
export const shellShortcuts: readonly ShortcutRow[] = [
  { keys: [["Esc"]], action: "help.close" },
  {
    keys: [
      ["Ctrl", "Enter"],
      ["Ctrl", "S"],
    ],
    action: "help.save",
  },
  { keys: [["Ctrl", "Shift", "S"]], action: "help.syncNow" },
  { keys: [["Ctrl", "K"]], action: "help.globalSearch" },
  { keys: [["Alt", "←"]], action: "help.back" },
  { keys: [["?"]], action: "help.help" },
];

/** Every shortcut: each screen's (in the screen table's order), then the shell's. */
export function ShortcutHelp({
  screens,
  onClose,
}: {
  screens: readonly { shortcuts?: readonly ShortcutRow[] }[];
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Dialog title={t("help.title")} onClose={onClose} size="sm" testId="shortcut-help">
      <table className="shortcut-table">
        <tbody>
          {[...screens.flatMap((screen) => screen.shortcuts ?? []), ...shellShortcuts].map(
            (shortcut) => (
              <tr key={shortcut.action}>
                <td className="shortcut-keys">
                  {shortcut.keys.map((combo, index) => (
                    <span key={combo.join("+")} className="shortcut-combo">
                      {index > 0 && <span className="shortcut-or">{t("help.or")}</span>}
                      {combo.map((key) => (
                        <Kbd key={key}>{key}</Kbd>
                      ))}
                    </span>
                  ))}
                </td>
                <td>{t(shortcut.action)}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <p className="muted shortcut-note">{t("help.note")}</p>
    </Dialog>
  );
}

import { Dialog } from "../../components/Dialog";
import { Kbd } from "../../components/Kbd";
import { useT, type MessageKey } from "../../i18n";

/** Every shortcut: each row lists its keys (alternatives separated by "or") and what it does. */
export const shortcutList: readonly { keys: readonly (readonly string[])[]; action: MessageKey }[] =
  [
    { keys: [["N"]], action: "help.newAsset" },
    { keys: [["/"], ["Ctrl", "K"]], action: "help.search" },
    { keys: [["E"]], action: "help.edit" },
    { keys: [["I"]], action: "help.import" },
    { keys: [["↑"], ["↓"]], action: "help.move" },
    { keys: [["Enter"]], action: "help.openRow" },
    { keys: [["Esc"]], action: "help.close" },
    {
      keys: [
        ["Ctrl", "Enter"],
        ["Ctrl", "S"],
      ],
      action: "help.save",
    },
    { keys: [["B"]], action: "help.bulkPlan" },
    { keys: [["P"]], action: "help.printLabels" },
    { keys: [["Space"]], action: "help.selectRow" },
    { keys: [["Ctrl", "Shift", "S"]], action: "help.syncNow" },
    { keys: [["?"]], action: "help.help" },
  ];

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <Dialog title={t("help.title")} onClose={onClose} size="sm" testId="shortcut-help">
      <table className="shortcut-table">
        <tbody>
          {shortcutList.map((shortcut) => (
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
          ))}
        </tbody>
      </table>
      <p className="muted shortcut-note">{t("help.note")}</p>
    </Dialog>
  );
}

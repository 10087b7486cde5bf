import { useT } from "../i18n";

export interface ChangeRow {
  key: string;
  /** The record as people name it (an asset tag, a cable label). */
  name: string;
  was: string;
  now: string;
}

/**
 * Which records an action over many changes, and how (before → after): the first rows the
 * preview named, and how many more there are.
 */
export function ChangeList(props: { rows: readonly ChangeRow[]; total: number }) {
  const t = useT();
  const more = props.total - props.rows.length;
  return (
    <div className="bulk-preview" data-testid="change-list">
      <table className="plain-table">
        <thead>
          <tr>
            <th>{t("change.record")}</th>
            <th>{t("change.was")}</th>
            <th>{t("change.now")}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.key} data-testid="change-row">
              <td className="mono">{row.name}</td>
              <td>{row.was}</td>
              <td>{row.now}</td>
            </tr>
          ))}
          {more > 0 && (
            <tr>
              <td colSpan={3} className="muted">
                {t("change.more", { count: more })}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

import type { ReportTable } from "../../bindings/ReportTable";

/**
 * A report as an HTML table: the summary lines above it, section headings as rows across the
 * table, numbers right-aligned, the totals row last. Every string is already in the user's
 * language.
 */
export function ReportTableView(props: { table: ReportTable; emptyText: string }) {
  const { table } = props;
  const align = (index: number) => (table.numeric[index] === true ? "num" : undefined);
  const rows = table.sections.reduce((count, section) => count + section.rows.length, 0);
  return (
    <div className="report-table-wrap">
      <h2 className="report-title" data-testid="report-title">
        {table.title}
      </h2>
      <dl className="report-summary">
        {table.summary.map((line) => (
          <div key={line.label}>
            <dt>{line.label}</dt>
            <dd>{line.value}</dd>
          </div>
        ))}
      </dl>
      {rows === 0 ? (
        <p className="muted" data-testid="report-no-rows">
          {props.emptyText}
        </p>
      ) : (
        <table className="plain-table report-table" data-testid="report-table">
          <thead>
            <tr>
              {table.columns.map((column, index) => (
                <th key={column} className={align(index)}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.sections.map((section, sectionIndex) => [
              section.heading !== undefined && (
                <tr key={`heading-${sectionIndex}`} className="report-heading">
                  <th colSpan={table.columns.length}>{section.heading}</th>
                </tr>
              ),
              ...section.rows.map((row, rowIndex) => (
                <tr key={`${sectionIndex}-${rowIndex}`}>
                  {row.map((cell, index) => (
                    <td key={index} className={align(index)}>
                      {cell}
                    </td>
                  ))}
                </tr>
              )),
            ])}
          </tbody>
          {table.totals !== undefined && (
            <tfoot>
              <tr className="report-totals">
                {table.totals.map((cell, index) => (
                  <td key={index} className={align(index)}>
                    {cell}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      )}
    </div>
  );
}

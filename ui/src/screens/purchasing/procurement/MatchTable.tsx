// The three-way match (3자 대사) of each order: ordered quantity and value, what was accepted
// and rejected at receipt and its value, the invoice; every difference flagged with its
// reason (Rust's codes, worded here). Eight columns do not fit a request's detail at 1280 px
// in English: each order's table scrolls sideways inside its own box, as the comparison does,
// and the detail does not.
import type { Mismatch } from "../../../bindings/Mismatch";
import type { OrderMatch } from "../../../bindings/OrderMatch";
import { type MessageKey, type Translate, useLanguage, useT } from "../../../i18n";
import { money } from "./ComparisonGrid";

const mismatchKeys: Record<string, MessageKey> = {
  short_received: "proc.match.short_received",
  rejected: "proc.match.rejected_units",
  no_invoice: "proc.match.no_invoice",
  invoice_over_ordered: "proc.match.invoice_over_ordered",
  invoice_under_ordered: "proc.match.invoice_under_ordered",
  invoice_over_received: "proc.match.invoice_over_received",
};

/** A difference in words: its kind in the user's language, then Rust's figures. */
export function mismatchText(t: Translate, mismatch: Mismatch): string {
  const key = mismatchKeys[mismatch.code];
  return key === undefined ? mismatch.message : `${t(key)} (${mismatch.message})`;
}

export function MatchTable(props: { matches: OrderMatch[]; vendorName: (id: string) => string }) {
  const t = useT();
  const { language } = useLanguage();
  return (
    <div className="proc-match" data-testid="match">
      {props.matches.map((match) => (
        <section
          key={match.order}
          className="proc-match-order"
          data-testid="match-order"
          data-order={match.number}
          data-matched={match.matched ? "true" : "false"}
        >
          <h4 className="proc-subtitle">
            {match.number} · {props.vendorName(match.vendor)}{" "}
            <span className={`proc-flag ${match.matched ? "is-ok" : "is-bad"}`}>
              {t(match.matched ? "proc.match.ok" : "proc.match.flagged")}
            </span>
          </h4>
          <div className="proc-match-scroll">
            <table className="plain-table">
              <thead>
                <tr>
                  <th>{t("proc.match.line")}</th>
                  <th className="num">{t("proc.match.ordered")}</th>
                  <th className="num">{t("proc.match.unitPrice")}</th>
                  <th className="num">{t("proc.match.orderedAmount")}</th>
                  <th className="num">{t("proc.match.accepted")}</th>
                  <th className="num">{t("proc.match.rejected")}</th>
                  <th className="num">{t("proc.match.receivedAmount")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {match.lines.map((row) => (
                  <tr key={row.line} data-testid="match-line" data-line={row.line}>
                    <td>{row.description}</td>
                    <td className="num mono">{row.ordered}</td>
                    <td className="num mono">
                      {money(row.unit_price_minor, match.currency, language)}
                    </td>
                    <td className="num mono">
                      {money(row.ordered_minor, match.currency, language)}
                    </td>
                    <td className="num mono">{row.accepted}</td>
                    <td className="num mono">{row.rejected}</td>
                    <td className="num mono">
                      {money(row.received_minor, match.currency, language)}
                    </td>
                    <td className="proc-mismatches">
                      {row.mismatches.map((mismatch) => (
                        <span
                          key={mismatch.code}
                          className="proc-flag is-bad"
                          data-code={mismatch.code}
                        >
                          {mismatchText(t, mismatch)}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th>{t("proc.cmp.total")}</th>
                  <td />
                  <td />
                  <td className="num mono">
                    {money(match.ordered_minor, match.currency, language)}
                  </td>
                  <td />
                  <td />
                  <td className="num mono">
                    {money(match.received_minor, match.currency, language)}
                  </td>
                  <td />
                </tr>
                <tr>
                  <th>{t("proc.match.invoiced")}</th>
                  <td colSpan={6} className="num mono" data-testid="match-invoiced">
                    {match.invoiced_minor === null
                      ? t("proc.match.noInvoice")
                      : `${money(match.invoiced_minor, match.currency, language)} ${match.currency}${match.invoice_ref === "" ? "" : ` · ${match.invoice_ref}`}`}
                  </td>
                  <td className="proc-mismatches">
                    {match.mismatches.map((mismatch) => (
                      <span
                        key={mismatch.code}
                        className="proc-flag is-bad"
                        data-code={mismatch.code}
                      >
                        {mismatchText(t, mismatch)}
                      </span>
                    ))}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}

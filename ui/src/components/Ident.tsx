import { Fragment } from "react";

/** A place right after a run of separators, where an identifier may wrap. */
const AFTER_SEPARATORS = /(?<=[-/_.:·])(?![-/_.:·])/;

/** The pieces an identifier may wrap between, each ending with its separators. */
export function identPieces(text: string): string[] {
  return text.split(AFTER_SEPARATORS);
}

/**
 * An identifier (an asset tag, a rack or cable label, a port, a date) that wraps only after its
 * separators when its box is too narrow: `A-R01-U03-eno1/A-R01-U41-1` breaks as `A-R01-` /
 * `U03-eno1/`, never as `A-R0` / `1`. The break opportunities are `<wbr>` elements, so a copied
 * identifier is exactly its text (no invisible characters).
 */
export function Ident({ text }: { text: string }) {
  return (
    <span className="ident">
      {identPieces(text).map((piece, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {piece}
        </Fragment>
      ))}
    </span>
  );
}

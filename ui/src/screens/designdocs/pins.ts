// Where a pinned comment sits: a page (1 for an image) and a spot as fractions of the page's
// width and height from its top left corner (core's CommentPin), so a pin stays on its spot
// whatever the zoom or the window's size.
import type { CommentPin } from "../../bindings/CommentPin";

/** The box a page is drawn in, as `getBoundingClientRect` gives it. */
export interface PageBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Four decimals: a tenth of a millimetre on an A0 sheet, and short in the record. */
function fraction(offset: number, length: number): number {
  if (!(length > 0)) return 0;
  const value = Math.min(1, Math.max(0, offset / length));
  return Math.round(value * 10_000) / 10_000;
}

/** The pin a click at (clientX, clientY) on page `page` drawn in `box` makes. */
export function pinFromClick(
  box: PageBox,
  clientX: number,
  clientY: number,
  page: number,
): CommentPin {
  return {
    page,
    x: fraction(clientX - box.left, box.width),
    y: fraction(clientY - box.top, box.height),
  };
}

/** Where a pin is drawn on a page `width` × `height` pixels: its point's offsets in pixels. */
export function pinOffset(
  pin: CommentPin,
  width: number,
  height: number,
): { left: number; top: number } {
  return { left: pin.x * width, top: pin.y * height };
}

/** The CSS position of a pin on its page, in per cent (independent of the drawn size). */
export function pinStyle(pin: CommentPin): { left: string; top: string } {
  return { left: `${(pin.x * 100).toFixed(2)}%`, top: `${(pin.y * 100).toFixed(2)}%` };
}

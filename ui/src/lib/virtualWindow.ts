// Which rows a virtualised list renders for a scroll position: the rows in the viewport plus
// `overscan` rows either side, so fast scrolling shows rows instead of blank space.

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  rowCount: number;
  overscan: number;
}

export interface RowWindow {
  /** First row to render (inclusive). */
  first: number;
  /** Row after the last one to render (exclusive). */
  end: number;
  /** Height of the whole list, so the scroll bar is right. */
  totalHeight: number;
}

export function rowWindow({
  scrollTop,
  viewportHeight,
  rowHeight,
  rowCount,
  overscan,
}: WindowInput): RowWindow {
  const totalHeight = rowCount * rowHeight;
  if (rowCount <= 0 || rowHeight <= 0) return { first: 0, end: 0, totalHeight: 0 };
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, totalHeight - viewportHeight)));
  const firstVisible = Math.floor(top / rowHeight);
  const endVisible = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight);
  return {
    first: Math.max(0, firstVisible - overscan),
    end: Math.min(rowCount, Math.max(endVisible, firstVisible + 1) + overscan),
    totalHeight,
  };
}

/** The scrollTop that brings row `index` fully into view, or the current one if it is visible. */
export function scrollToReveal(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return scrollTop;
}

/** The pages (of `pageSize` rows) that cover rows first..end-1. */
export function pagesFor(first: number, end: number, pageSize: number): number[] {
  if (end <= first) return [];
  const pages: number[] = [];
  for (let page = Math.floor(first / pageSize); page <= Math.floor((end - 1) / pageSize); page += 1)
    pages.push(page);
  return pages;
}

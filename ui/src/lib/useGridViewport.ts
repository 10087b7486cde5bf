// The scroll position and visible height of a virtualised grid's scroller, kept up to date as
// it scrolls and as the window resizes; the tables read their row window from these.
import { useLayoutEffect, useRef, useState } from "react";

export function useGridViewport(headerHeight: number) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(600);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return undefined;
    const measure = () => setViewportHeight(Math.max(0, element.clientHeight - headerHeight));
    measure();
    if (typeof ResizeObserver === "undefined") return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [headerHeight]);
  return { scroller, scrollTop, setScrollTop, viewportHeight };
}

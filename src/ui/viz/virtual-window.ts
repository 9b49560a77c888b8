/** Rows drawn beyond the visible ones, above and below, so a fast scroll shows no gap. */
const OVERSCAN_ROWS = 10

/**
 * The rows a virtualised table renders: those in view plus a few either side, never all of
 * them (150,000 Pods would be 150,000 DOM rows). Pure: from the scroll offset, the box's height
 * and a fixed row height.
 */
export function visibleWindow(
  scrollTopPx: number,
  viewportPx: number,
  rowPx: number,
  total: number,
): { first: number; count: number } {
  const first = Math.max(0, Math.floor(scrollTopPx / rowPx) - OVERSCAN_ROWS)
  const last = Math.min(total, Math.ceil((scrollTopPx + viewportPx) / rowPx) + OVERSCAN_ROWS)
  return { first: Math.min(first, total), count: Math.max(0, last - first) }
}

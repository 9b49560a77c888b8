/**
 * Elastic tabstops as kubectl's human-readable printer lays them out: Go text/tabwriter (the
 * github.com/liggitt/tabwriter fork) configured by printers.GetNewTabWriter with
 * minwidth 6, tabwidth 4, padding 3, padchar ' ', flags RememberWidths.
 * Sources: format/writeLines, src/text/tabwriter/tabwriter.go (Go 1.23);
 * GetNewTabWriter, staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go (v1.32)
 */

export interface TabwriterOptions {
  minWidth: number
  padding: number
}

/** printers.GetNewTabWriter: tabwriterMinWidth = 6, tabwriterPadding = 3 (v1.32). */
export const KUBECTL_TABWRITER: TabwriterOptions = { minWidth: 6, padding: 3 }

/** Go counts a cell's width in runes (utf8.RuneCount), not bytes or UTF-16 units. */
// eslint-disable-next-line @typescript-eslint/no-misused-spread -- Go counts code points (runes), which is what spread yields
const runeWidth = (text: string): number => [...text].length

/**
 * Computes one width per column block, recursively, exactly as tabwriter.format: a block is a
 * run of consecutive lines that have a tab-terminated cell in that column.
 */
function formatBlock(
  lines: readonly (readonly string[])[],
  widths: number[],
  line0In: number,
  line1: number,
  options: TabwriterOptions,
  out: string[][],
): void {
  const col = widths.length
  let line0 = line0In
  for (let current = line0; current < line1; current++) {
    if (col >= (lines[current]?.length ?? 0) - 1) continue
    writeLines(lines, widths, line0, current, out)
    line0 = current
    let width = options.minWidth
    for (; current < line1; current++) {
      const line = lines[current] ?? []
      if (col >= line.length - 1) break
      width = Math.max(width, runeWidth(line[col] ?? '') + options.padding)
    }
    widths.push(width)
    formatBlock(lines, widths, line0, current, options, out)
    widths.pop()
    line0 = current
  }
  writeLines(lines, widths, line0, line1, out)
}

function writeLines(
  lines: readonly (readonly string[])[],
  widths: readonly number[],
  line0: number,
  line1: number,
  out: string[][],
): void {
  for (let i = line0; i < line1; i++) {
    const line = lines[i] ?? []
    const text = line.map((cell, j) => {
      const width = widths[j]
      return width === undefined ? cell : cell + ' '.repeat(Math.max(0, width - runeWidth(cell)))
    })
    out[i] = text
  }
}

/**
 * Aligns tab-separated text: every tab-terminated cell is padded with spaces to its column
 * block's width; the last cell of each line is written as is (trailing cells are not padded).
 * Pure.
 */
export function alignTabs(text: string, options: TabwriterOptions = KUBECTL_TABWRITER): string {
  const lines = text.split('\n').map((line) => line.split('\t'))
  const out: string[][] = []
  formatBlock(lines, [], 0, lines.length, options, out)
  return out.map((cells) => cells.join('')).join('\n')
}

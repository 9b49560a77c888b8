/**
 * The machinery under every `kubectl describe`: a prefix writer that indents by level, and
 * tabbedString's tabwriter (minwidth 0, tabwidth 8, padding 2, flags 0), with Flush splitting
 * the output into separately aligned parts.
 * Sources: prefixWriter and tabbedString, staging/src/k8s.io/kubectl/pkg/describe/describe.go (v1.32)
 */
import { formatRfc3339, parseRfc3339 } from '../core/time'
import { alignTabs } from './tabwriter'

/** LEVEL_0 … LEVEL_3: each level indents by two spaces. */
export const LEVEL_0 = 0
export const LEVEL_1 = 1
export const LEVEL_2 = 2
export const LEVEL_3 = 3

/** describe.go tabbedString: out.Init(buf, 0, 8, 2, ' ', 0). */
const DESCRIBE_TABWRITER = { minWidth: 0, padding: 2 }

/** Collects describe output; `text()` aligns it exactly as tabbedString does. */
export class PrefixWriter {
  private readonly parts: string[][] = [[]]

  /** prefixWriter.Write: `level` two-space indents, then the already formatted text. */
  write(level: number, text: string): void {
    this.current().push('  '.repeat(level) + text)
  }

  /** prefixWriter.WriteLine: the text and a newline, no indent. */
  writeLine(text: string): void {
    this.current().push(`${text}\n`)
  }

  /** prefixWriter.Flush: what was written so far is aligned on its own. */
  flush(): void {
    this.parts.push([])
  }

  text(): string {
    return this.parts.map((part) => alignTabs(part.join(''), DESCRIBE_TABWRITER)).join('')
  }

  /** What was written, tabs and all, unaligned (kubectl rollout history --revision prints it so). */
  raw(): string {
    return this.parts.map((part) => part.join('')).join('')
  }

  private current(): string[] {
    return this.parts.at(-1) as string[]
  }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const MS_PER_DAY = 86_400_000

/**
 * Go's time.RFC1123Z layout ("Mon, 02 Jan 2006 15:04:05 -0700") in UTC, as kubectl prints
 * with TZ=UTC. An unset timestamp is Go's zero time, which kubectl prints verbatim.
 */
export function formatRfc1123z(timestamp: string | null | undefined): string {
  const unixMs = timestamp ? parseRfc3339(timestamp) : undefined
  if (unixMs === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000'
  const [date = '', time = ''] = formatRfc3339(unixMs).slice(0, -1).split('T')
  const [year = '', month = '', day = ''] = date.split('-')
  // 1970-01-01 was a Thursday (index 4).
  const weekday = WEEKDAYS[(((Math.floor(unixMs / MS_PER_DAY) + 4) % 7) + 7) % 7] ?? ''
  return `${weekday}, ${day} ${MONTHS[Number(month) - 1] ?? ''} ${year} ${time} +0000`
}

import type { RuleLine } from '../../viz/rules-lines'
import { ScrollRegion } from '../../components/ScrollRegion'

interface RulesTextProps {
  command: string
  lines: RuleLine[]
  /** Shown under the prompt when the output is cut down (only one Service's lines). */
  note?: string | undefined
  /** Columns (ipvsadm) must not wrap; rules (iptables-save) wrap with a hanging indent. */
  columns?: boolean
}

/** The tool's output as a terminal shows it, the followed Service's lines highlighted. */
export function RulesText({ command, lines, note, columns = false }: RulesTextProps) {
  return (
    <ScrollRegion label="Rules text">
      <pre className={columns ? 'rules-text columns' : 'rules-text'} data-testid="rules-text">
        <span className="rules-prompt">{command}</span>
        {note !== undefined && <span className="rules-note">{note}</span>}
        {lines.map((line, i) => (
          <span key={i} className={line.mine && note === undefined ? 'rule-mine' : undefined}>
            {/* Trailing blanks (ipvsadm pads its last column) are invisible in a terminal too. */}
            {line.text.trimEnd() === '' ? ' ' : line.text.trimEnd()}
          </span>
        ))}
      </pre>
    </ScrollRegion>
  )
}

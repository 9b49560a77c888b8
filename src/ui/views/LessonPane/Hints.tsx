import { Markdown } from '../../components/Markdown'

interface HintsProps {
  hints: string[]
  shown: number
  onMore: () => void
}

/** Hints, revealed one at a time. */
export function Hints({ hints, shown, onMore }: HintsProps) {
  if (hints.length === 0) return null
  return (
    <section className="hints" aria-label="Hints">
      {shown > 0 && (
        <ol>
          {hints.slice(0, shown).map((hint) => (
            <li key={hint}>
              <Markdown text={hint} inline />
            </li>
          ))}
        </ol>
      )}
      {shown < hints.length && (
        <button type="button" className="link" onClick={onMore} data-testid="show-hint">
          {shown === 0 ? 'Show a hint' : 'Another hint'} ({shown + 1} of {hints.length})
        </button>
      )}
    </section>
  )
}

interface BrokenLessonCardProps {
  id: string
  file: string
  title?: string | undefined
  errors: string[]
}

/** A lesson file that failed to load: shown, with every error, so its author can fix it. */
export function BrokenLessonCard({ id, file, title, errors }: BrokenLessonCardProps) {
  return (
    <li className="lesson-card broken" data-testid={`lesson-broken-${id}`}>
      <div className="lesson-card-head">
        <h4>{title ?? id}</h4>
        <span className="broken-mark">Broken</span>
      </div>
      <p className="lesson-summary">
        <code>{file}</code> has {errors.length === 1 ? 'an error' : `${errors.length} errors`}; the
        other lessons are not affected.
      </p>
      <ul className="lesson-errors" aria-label={`Errors in ${file}`}>
        {errors.map((e) => (
          <li key={e}>
            <code>{e}</code>
          </li>
        ))}
      </ul>
    </li>
  )
}

import { useServices } from '../../app/app-context'
import { startLesson } from '../../app/course'
import type { Catalog, CatalogEntry } from '../../../protocol/lesson'
import { BrokenLessonCard } from './BrokenLessonCard'
import { LessonCard } from './LessonCard'

interface CatalogSectionProps {
  section: Catalog['sections'][number]
  number: number
  entries: CatalogEntry[]
}

/** One course section: its lessons, or "coming" when it has none yet. */
export function CatalogSection({ section, number, entries }: CatalogSectionProps) {
  const { course, progress } = useServices()
  const coming = entries.length === 0
  return (
    <li className={`section${coming ? ' coming' : ''}`} data-testid={`section-${section.id}`}>
      <div className="section-head">
        <h3>
          <span className="section-number">{number}.</span> {section.title}
        </h3>
        <span className="section-course">{section.course}</span>
        {coming && <span className="coming-mark">Coming</span>}
      </div>
      <p className="section-summary">{section.summary}</p>
      {!coming && (
        <ul className="lesson-cards">
          {entries.map((entry) =>
            entry.ok ? (
              <LessonCard
                key={entry.lesson.id}
                lesson={entry.lesson}
                progress={progress.of(entry.lesson.id)}
                onOpen={() => {
                  startLesson(course, progress, entry.lesson)
                }}
              />
            ) : (
              <BrokenLessonCard key={entry.id} {...entry} />
            ),
          )}
        </ul>
      )}
    </li>
  )
}

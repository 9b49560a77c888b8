import { useAppState, useServices } from '../../app/app-context'
import { BrokenLessonCard } from './BrokenLessonCard'
import { CatalogSection } from './CatalogSection'
import { CourseProgress } from './CourseProgress'
import './catalog.css'

/**
 * The course: its sections in course order, each with its lessons (level, length, done), the
 * sections still to come, and any lesson file that does not load, with its errors. Free play
 * (the sandbox) is one click away.
 */
export function Catalog() {
  const { course } = useServices()
  const catalog = useAppState((s) => s.catalog)
  const entries = catalog?.entries ?? []
  const homeless = entries.filter(
    (e) => !catalog?.sections.some((s) => s.id === (e.ok ? e.lesson.section : e.section)),
  )
  return (
    <main
      className="catalog"
      id="catalog"
      tabIndex={-1}
      aria-labelledby="catalog-title"
      data-testid="catalog"
    >
      <header className="catalog-header">
        <div>
          <h2 id="catalog-title">Kubernetes control plane: the course</h2>
          <p className="catalog-intro">
            Each lesson runs on a live, simulated cluster. Read a step, predict what happens, make
            it happen, and watch the goals tick.
          </p>
          {catalog && <CourseProgress catalog={catalog} />}
        </div>
        <button
          type="button"
          className="free-play"
          onClick={() => course.send({ type: 'FREE_PLAY' })}
          data-testid="free-play"
        >
          Free play <span aria-hidden="true">→</span>
        </button>
      </header>
      {!catalog && <p className="muted">Loading the course…</p>}
      <ol className="sections">
        {catalog?.sections.map((section, index) => (
          <CatalogSection
            key={section.id}
            section={section}
            number={index + 1}
            entries={entries.filter((e) => (e.ok ? e.lesson.section : e.section) === section.id)}
          />
        ))}
      </ol>
      {homeless.length > 0 && (
        <section className="section" aria-labelledby="broken-title">
          <h3 id="broken-title">Lessons that do not load</h3>
          <ul className="lesson-cards">
            {homeless.map((entry) =>
              entry.ok ? null : <BrokenLessonCard key={entry.id} {...entry} />,
            )}
          </ul>
        </section>
      )}
    </main>
  )
}

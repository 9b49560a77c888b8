import { useServices } from '../../app/app-context'
import type { Catalog } from '../../../protocol/lesson'

/** How far through the course you are: lessons done, and sections still to come. */
export function CourseProgress({ catalog }: { catalog: Catalog }) {
  const { progress } = useServices()
  const lessons = catalog.entries.flatMap((e) => (e.ok ? [e.lesson] : []))
  const done = lessons.filter((l) => progress.of(l.id)?.completed === true).length
  const coming = catalog.sections.filter(
    (s) => !catalog.entries.some((e) => (e.ok ? e.lesson.section : e.section) === s.id),
  ).length
  return (
    <p className="course-progress" data-testid="course-progress">
      {done} of {lessons.length} lessons done · {catalog.sections.length} sections, {coming} coming
    </p>
  )
}

import { z } from 'zod'
import { parse } from 'yaml'
import { strict } from './zod-helpers'

const section = strict({
  id: z.string().regex(/^[a-z0-9-]+$/, 'expected lowercase letters, digits and dashes'),
  title: z.string().min(1),
  /** Where the course notes teach it ("§2.2 etcd"). */
  course: z.string().min(1),
  summary: z.string().min(1),
})

const courseFile = strict({ sections: z.array(section).min(1) })

export type CourseSection = z.infer<typeof section>

/**
 * The course's sections in course order (lessons/course.yaml). A section with no lesson yet is
 * shown as "coming", so the whole map of the course is visible from the first day.
 */
export function parseCourse(text: string): CourseSection[] {
  const parsed = courseFile.safeParse(parse(text))
  if (!parsed.success)
    throw new Error(
      `lessons/course.yaml: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  return parsed.data.sections
}

/// <reference types="vite/client" />
/**
 * The lesson files in lessons/, read through Vite's import.meta.glob, exactly as the app's
 * worker bundles them (tests run under Vitest, which is Vite).
 */
const texts = import.meta.glob<string>('../../../lessons/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
})
const course = import.meta.glob<string>('../../../lessons/course.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
})

export const LESSON_FILES = Object.entries(texts)
  .filter(([path]) => !path.endsWith('/README.md'))
  .map(([path, text]) => ({ path: path.replace(/^(\.\.\/)+/, ''), text }))

export const COURSE_TEXT = Object.values(course)[0] ?? ''

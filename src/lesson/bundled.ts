/// <reference types="vite/client" />
/**
 * The lesson files in lessons/, bundled at build time with Vite's import.meta.glob, so the
 * static site works offline. The worker, the tests (Vitest is Vite) and `npm run lessons` all
 * read them from here.
 */
const texts = import.meta.glob<string>('../../lessons/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
})
const course = import.meta.glob<string>('../../lessons/course.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
})

export const LESSON_FILES = Object.entries(texts)
  .filter(([path]) => !path.endsWith('/README.md'))
  .map(([path, text]) => ({ path: path.replace(/^(\.\.\/)+/, ''), text }))

export const COURSE_TEXT = Object.values(course)[0] ?? ''

import { rmSync, writeFileSync } from 'node:fs'
import { expect, test } from './fixtures'
import { LessonPage } from './pages/LessonPage'

// Writing a lesson file makes Vite's dev server reload every open page (the lessons are an
// import.meta.glob), so this spec runs in its own Playwright project after all the others
// (playwright.config.ts): with two workers it reloaded another spec's page mid-test.

test('a broken lesson file shows its errors in the catalog; the other lessons still work', async ({
  page,
}) => {
  const file = 'lessons/zz-e2e-broken.md'
  writeFileSync(
    file,
    [
      '---',
      'schemaVersion: 1',
      'title: A broken lesson',
      'section: split-brain',
      'level: Architect',
      'minutes: 5',
      'summary: Its goal names a member the cluster does not have.',
      'objectives: [Show an error]',
      'cluster: { etcdMembers: 5 }',
      '---',
      '',
      '## One step',
      '',
      '```yaml step',
      'goals:',
      '  - etcd: { leader: etcd-9 }',
      '```',
      '',
    ].join('\n'),
  )
  try {
    const course = new LessonPage(page)
    await course.openCatalog()
    const broken = page.getByTestId('lesson-broken-zz-e2e-broken')
    await expect(broken).toContainText(
      'lessons/zz-e2e-broken.md: steps[0].goals[0].etcd.leader: expected one of etcd-1…etcd-5 (line 16)',
    )
    await expect(page.getByTestId('section-split-brain')).toContainText('Split brain')
    await course.start('split-brain')
    await expect(course.stepCount()).toHaveText('Step 1 of 4')
    await course.expectGoalMet('agreed')
  } finally {
    rmSync(file, { force: true })
  }
})

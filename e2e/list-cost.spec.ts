import { expect, test } from './fixtures'
import { LessonPage } from './pages/LessonPage'

// Issue 15's list-cost lesson, clicked through as a student would, with the Load tab's meters
// moving under each step.
test('the list-cost lesson: a full LIST, pages from etcd, the watch cache, a watch, a stampede', async ({
  app,
  page,
}) => {
  test.setTimeout(240_000)
  const course = new LessonPage(page)
  await course.openCatalog()
  await expect(page.getByTestId('section-list-cost')).not.toContainText('Coming')
  await course.start('list-cost')
  await expect(course.stepCount()).toHaveText('Step 1 of 5')
  // The step brought the Load tab to the front.
  await expect(page.getByTestId('tab-load')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('load-view')).toBeVisible()

  // 1. One LIST of every Pod, in one answer.
  const sentBefore = await page.getByTestId('meter-sent').textContent()
  await app.runKubectl('get pods -A --chunk-size=0', /web-[a-z0-9]+-[a-z0-9]+/)
  await course.expectGoalMet('whole')
  await course.expectGoalMet('from-cache')
  await app.openTab('load')
  await expect(page.getByTestId('last-list')).toContainText('1 page, 200 items')
  await expect(page.getByTestId('meter-sent')).not.toHaveText(sentBefore ?? '')
  await expect(page.getByTestId('recent-lists')).toContainText('watch cache')

  // 2. Pages of 50: four requests, each read from etcd.
  await course.next()
  await course.predict(1)
  const etcdBefore = await page.getByTestId('meter-etcd-read').textContent()
  await app.runKubectl('get pods -A --chunk-size=50', /web-[a-z0-9]+-[a-z0-9]+/)
  await course.expectGoalMet('from-etcd')
  await course.expectRevealed('You called it.')
  await app.openTab('load')
  await expect(page.getByTestId('last-list')).toContainText('4 pages, 200 items')
  await expect(page.getByTestId('meter-etcd-read')).not.toHaveText(etcdBefore ?? '')
  await expect(page.getByTestId('recent-lists')).toContainText('limit=50')

  // 3. resourceVersion=0, from the watch cache.
  await course.next()
  await course.showMe()
  await course.expectGoalMet('rv0')
  await app.openTab('load')
  await expect(page.getByTestId('recent-lists').locator('tbody tr').first()).toContainText(
    'resourceVersion=0',
  )

  // 4. A watch: scale by one. What is checked from here on is counted, not seen in passing:
  // 64x (the speed picker), not the steps' 4x.
  await course.next()
  await app.fastForward('64')
  await app.runKubectl('scale deployment web --replicas=201', 'deployment.apps/web scaled')
  await course.expectGoalMet('scaled', 60_000)

  // 5. 400 at once: queued, rejected with 429, retried.
  await course.next()
  await app.fastForward('64')
  await course.predict(1)
  await course.showMe()
  await app.openTab('load')
  await expect(page.getByTestId('meter-429')).not.toHaveText(/Rejected 429\s*0$/, {
    timeout: 60_000,
  })
  await expect(page.getByTestId('level-global-default')).not.toContainText(/\t0\t/)
  await course.expectGoalMet('throttled', 90_000)
  await course.expectRevealed('You called it.')
  await app.screenshot('lesson-list-cost-load-1280x800')
  await page.setViewportSize({ width: 1024, height: 768 })
  await app.screenshot('lesson-list-cost-load-1024x768')
  await page.setViewportSize({ width: 390, height: 844 })
  await app.screenshot('lesson-list-cost-load-390x844')
  await page.setViewportSize({ width: 1280, height: 800 })

  await course.next()
  await course.answerQuizAndFinish()
})

test('the Load tab in free play at 1280x800 and 1024x768', async ({ app, page }) => {
  await app.open('?seed=3')
  await app.fastForward()
  await app.runKubectl('create deployment web --image=nginx:1.27 --replicas=12', 'created')
  await app.runKubectl('get pods -A --chunk-size=5', /web-/)
  await app.openTab('load')
  await expect(page.getByTestId('last-list')).toContainText('pages')
  await expect(page.getByTestId('priority-levels')).toContainText('global-default')
  await app.expectNoA11yViolations()
  await app.screenshot('load-tab-1280x800')
  await page.setViewportSize({ width: 1024, height: 768 })
  await app.screenshot('load-tab-1024x768')
})

import { test, expect } from './fixtures'
import { LessonPage } from './pages/LessonPage'

test('the catalog lists the course in order, with levels, coming sections and free play', async ({
  app,
  page,
}) => {
  const course = new LessonPage(page)
  await course.openCatalog()
  const sections = await page
    .locator('[data-testid^="section-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
  expect(sections.slice(0, 4)).toEqual([
    'section-desired-state',
    'section-api-server',
    'section-etcd',
    'section-scheduler',
  ])
  // Every section is taught now (issue 15 added list cost): nothing shows as coming.
  await expect(page.getByTestId('section-list-cost')).not.toContainText('Coming')
  await expect(page.getByTestId('lesson-card-scheduler')).toContainText('Developer')
  await expect(page.getByTestId('lesson-card-split-brain')).toContainText('Architect')
  await expect(page.getByTestId('lesson-card-request-flow')).toContainText('12 min')
  await expect(page.getByTestId('lesson-card-crashloopbackoff')).toContainText('Developer')
  await expect(page.getByTestId('lesson-card-kube-proxy')).toContainText('Architect')
  await app.expectNoA11yViolations()
  // The catalog scrolls with the mouse wheel like any page (the workspace does not scroll).
  await page.mouse.move(640, 400)
  await page.mouse.wheel(0, 2000)
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500)
  await app.screenshot('catalog-1280x800')
  await page.setViewportSize({ width: 390, height: 844 })
  await app.screenshot('catalog-390x844')
  await page.getByTestId('free-play').click()
  await expect(page.getByTestId('connection')).toHaveText('simulation running')
  await expect(page.getByTestId('component-kube-apiserver')).toBeVisible()
  await expect(page).toHaveURL(/\?play$/)
})

test('a student clicks through the six-step lesson, reloads, resumes, and finishes it', async ({
  app,
  page,
}) => {
  test.setTimeout(180_000)
  const course = new LessonPage(page)
  await course.openCatalog()
  await course.start('request-flow')
  // Step 1: predict, then apply from the editor the step filled in.
  await expect(course.stepCount()).toHaveText('Step 1 of 6')
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/)
  // Each step opens in 1x slow motion, for a student to follow the hops; this test checks the
  // goals, the pauses and the resume, so it picks 64x (and again after each Next).
  await app.fastForward('64')
  await course.predict(1)
  await page.getByTestId('apply').click()
  await course.expectGoalMet('posted')
  await course.expectRevealed('You called it.')
  // The lesson paused the instant the hop arrived.
  await expect(page.getByTestId('play-pause')).toHaveText(/Play/)
  const answers: [string, number, string][] = [
    ['stored', 0, 'You called it.'],
    ['bound', 0, 'You called it.'],
    ['kubelet', 2, 'Not what happened.'],
    ['started', 0, 'You called it.'],
  ]
  for (const [goal, choice, verdict] of answers) {
    await course.next()
    await app.fastForward('64')
    await course.predict(choice)
    await course.expectGoalMet(goal)
    await course.expectRevealed(verdict)
  }
  await course.next()
  await expect(course.stepCount()).toHaveText('Step 6 of 6')
  await app.fastForward('64')
  await course.predict(0)
  await course.expectGoalMet('patched')
  await course.expectGoalMet('running')
  await expect(page).toHaveURL(/\?lesson=request-flow&step=6$/)
  await page.getByTestId('play-pause').click()
  const before = await page.evaluate(() => {
    const s = window.__kcv?.state()
    const web = Object.values(s?.pods ?? {}).find((p) => p.name === 'web')
    return { node: web?.node, ip: web?.ip, actions: s?.actions.length, time: s?.simTimeMs ?? 0 }
  })
  await page.reload()
  await expect(page.getByTestId('lesson-pane')).toBeVisible()
  await expect(course.stepCount()).toHaveText('Step 6 of 6')
  await course.expectGoalMet('patched', 15_000)
  await course.expectGoalMet('running', 15_000)
  await expect(page.getByTestId('prediction-reveal')).toContainText('You called it.')
  const after = await page.evaluate(() => {
    const s = window.__kcv?.state()
    const web = Object.values(s?.pods ?? {}).find((p) => p.name === 'web')
    return { node: web?.node, ip: web?.ip, actions: s?.actions.length, time: s?.simTimeMs ?? 0 }
  })
  expect({ ...after, time: 0 }).toEqual({ ...before, time: 0 })
  expect(after.time).toBeGreaterThanOrEqual(before.time - 1_000)
  // The quiz, then done.
  await course.next()
  await course.answerQuizAndFinish()
  await page.getByTestId('back-to-catalog').click()
  await expect(page.getByTestId('lesson-done-request-flow')).toBeVisible()
})

test('?lesson=&step= opens a lesson at a step, with the cluster as the earlier steps left it', async ({
  app,
  page,
}) => {
  const course = new LessonPage(page)
  await course.openLink('etcd-quorum', 3)
  await expect(course.stepCount()).toHaveText('Step 3 of 5')
  await expect(page.getByTestId('lesson-step')).toContainText('Four members, two down')
  await app.openTab('etcd')
  await expect(page.getByTestId('raft-quorum')).toContainText(
    '4 members · quorum 3 (4/2+1) · tolerates 1 failure',
  )
  // The question comes first: the simulation waits for it.
  await expect(page.getByTestId('show-me')).toBeDisabled()
  // Writes fail after the request timeout: 64x, not the step's 2x, for that wait.
  await app.fastForward('64')
  await course.predict(1)
  await course.showMe()
  await course.expectGoalMet('write-fails', 60_000)
  await course.expectRevealed('You called it.')
})

test('a lesson mid-step: hints, show me, reset step; axe clean; screenshots', async ({
  app,
  page,
}) => {
  const course = new LessonPage(page)
  await course.openLink('self-healing', 2)
  // The step starts from the three Pods step 1 left (their names come from the lesson's seed).
  const webPods = () =>
    app.state((s) =>
      Object.values(s.pods)
        .filter((p) => p.name.startsWith('web-') && p.status === 'Running')
        .map((p) => p.name)
        .sort(),
    )
  await expect.poll(webPods).toHaveLength(3)
  const atStart = await webPods()
  // The replacement is checked, not watched: 64x, not the step's 1x.
  await app.fastForward('64')
  await course.predict(1)
  await page.getByTestId('show-hint').click()
  const hints = page.getByTestId('lesson-step').locator('.hints li')
  await expect(hints).toHaveCount(1)
  await expect(hints.first().locator('code')).toHaveText('kubectl get pods')
  await course.showMe()
  await course.expectGoalMet('deleted')
  await course.expectGoalMet('replaced')
  expect(await webPods()).not.toEqual(atStart)
  await app.expectNoA11yViolations()
  await app.screenshot('lesson-mid-step-1280x800')
  await page.getByTestId('reset-step').click()
  await expect(course.goal('deleted')).toHaveAttribute('data-met', 'false')
  // Reset step: the Pod Show me deleted is back, Running.
  await expect.poll(webPods).toEqual(atStart)
  for (const name of atStart) await expect(await app.podRow(name)).toContainText('Running')
  await page.setViewportSize({ width: 390, height: 844 })
  // Reset step opened the step again, at its own speed.
  await app.fastForward('64')
  await course.showMe()
  await course.expectGoalMet('deleted')
  await app.screenshot('lesson-mid-step-390x844')
  await expect(page.locator('body')).toHaveJSProperty('scrollWidth', 390)
})

for (const [width, height] of [
  [1280, 800],
  [1024, 768],
] as const) {
  test(`a lesson at ${width}x${height}: the cluster, the goals, the step's controls and apply in view, no page scroll`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height })
    const course = new LessonPage(page)
    await course.openLink('self-healing', 1)
    await expect(course.goal('three-running')).toBeVisible()
    const viewport = { width, height }
    for (const id of [
      'host-control-plane',
      'host-node-1',
      'host-node-3',
      'lesson-pane',
      'goal-three-running',
      'show-me',
      'step-next',
      'apply',
    ]) {
      const box = await page.getByTestId(id).boundingBox()
      expect(box, `${id} on screen`).not.toBeNull()
      if (!box) continue
      expect(box.y + box.height, `${id} within the viewport`).toBeLessThanOrEqual(
        viewport.height + 0.5,
      )
      expect(box.x + box.width, `${id} within the viewport`).toBeLessThanOrEqual(
        viewport.width + 0.5,
      )
    }
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
      height,
    )
    // Folding the text gives the dock the room; an open question is never folded away.
    await page.getByTestId('fold-lesson').click()
    await expect(page.getByTestId('lesson-step').locator('.lesson-narration')).toBeHidden()
    await expect(course.goal('three-running')).toBeVisible()
    await page.getByTestId('step-next').click()
    await expect(page.getByTestId('prediction')).toBeVisible()
  })
}

test('Show me runs kubectl as a student would: its lines and answers appear in the kubectl tab', async ({
  page,
}) => {
  const course = new LessonPage(page)
  // Step 3 of api-server-down: the API server was stopped by the steps before (their solutions).
  await course.openLink('api-server-down', 3)
  await expect(course.stepCount()).toHaveText('Step 3 of 4')
  await course.predict(2)
  await course.showMe()
  await course.expectGoalMet('refused')
  await course.expectRevealed('You called it')
  const transcript = page.getByTestId('kubectl-transcript')
  await expect(transcript).toContainText('$ kubectl get pods')
  await expect(transcript).toContainText('was refused - did you specify the right host or port?')
  // Earlier steps' commands are there too, in the order they ran.
  await expect(transcript.locator('.prompt').first()).toHaveText('$ kubectl apply -f -')
})

test('a bad lesson link says what it ignored: an unknown lesson, a step past the end', async ({
  page,
}) => {
  await page.goto('/?lesson=no-such-lesson&step=2')
  await expect(page.getByTestId('notice')).toHaveText(
    /There is no lesson "no-such-lesson"; here is the catalog\./,
  )
  await expect(page.getByTestId('catalog')).toBeVisible()
  const course = new LessonPage(page)
  await course.openLink('etcd', 99)
  await expect(course.stepCount()).toHaveText('Step 4 of 4')
  await expect(page.getByTestId('notice')).toContainText(
    'Ignored step=99: "etcd" has 4 steps; opening step 4.',
  )
})

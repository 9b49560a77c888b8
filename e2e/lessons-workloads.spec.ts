import { expect, test } from './fixtures'
import { LessonPage } from './pages/LessonPage'

test('a student rolls a Deployment in the controllers lesson: apply, set image, rollout status, self-healing and undo', async ({
  app,
  page,
}) => {
  test.setTimeout(180_000)
  const course = new LessonPage(page)
  await course.openCatalog()
  await expect(page.getByTestId('section-controllers')).not.toContainText('Coming')
  await course.start('deployment-rollout')
  await expect(course.stepCount()).toHaveText('Step 1 of 3')
  // What is checked is what the controllers did, not how it looks at the lesson's speed: each
  // step runs at 64x (the speed picker), or the rollout and undo take 90 s of waiting.
  await app.fastForward('64')
  // Step 1: the editor holds kubernetes.io's nginx-deployment; the student applies it.
  await page.getByTestId('apply').click()
  await course.expectGoalMet('scaled')
  await course.expectGoalMet('created')
  await course.expectGoalMet('running', 60_000)
  // Step 2: predict the surge, then type the commands a student would.
  await course.next()
  await app.fastForward('64')
  await course.predict(0)
  await app.runKubectl(
    'kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1',
    'deployment.apps/nginx-deployment image updated',
  )
  await course.expectGoalMet('set-image')
  await course.expectRevealed('You called it.')
  // rollout status waits for the rollout: one Pod at a time, tens of seconds of cluster time.
  await app.runKubectl(
    'kubectl rollout status deployment/nginx-deployment',
    '$ kubectl rollout status deployment/nginx-deployment',
  )
  await course.expectGoalMet('status', 120_000)
  await expect(page.getByTestId('kubectl-transcript')).toContainText(
    'deployment "nginx-deployment" successfully rolled out',
  )
  const images = await app.state((s) =>
    Object.values(s.deployments)
      .filter((d) => d.name === 'nginx-deployment')
      .map((d) => d.image),
  )
  expect(images).toEqual(['nginx:1.16.1'])
  // Step 3 brings the Controllers tab to the front: each reconcile, as it happens.
  await course.next()
  await expect(page.getByTestId('reconcile-log')).toBeVisible()
  await app.fastForward('64')
  await course.predict(0)
  await course.showMe()
  await course.expectGoalMet('healed')
  await course.expectRevealed('You called it.')
  await course.expectGoalMet('undone', 60_000)
  await course.expectGoalMet('back', 90_000)
  await expect(page.getByTestId('deployment-row-nginx-deployment')).toContainText('nginx:1.14.2', {
    timeout: 30_000,
  })
  await app.expectNoA11yViolations()
})

test('the node failure lesson: a silent kubelet, then Ready Unknown and the unreachable taint, checked on the cluster', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000)
  const course = new LessonPage(page)
  await course.openLink('node-failure', 2)
  await expect(course.stepCount()).toHaveText('Step 2 of 4')
  // 40 s of cluster time until the node is Unknown: at 64x, not the step's speed.
  await app.fastForward('64')
  await course.predict(1)
  await course.showMe()
  await course.expectGoalMet('kubelet-stopped')
  await course.expectGoalMet('unknown', 60_000)
  await course.expectGoalMet('not-ready')
  await course.expectGoalMet('tainted')
  await course.expectRevealed('You called it.')
  await expect(page.getByTestId('node-badge-node-2')).toContainText('NotReady')
})

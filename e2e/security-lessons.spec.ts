import { expect, test, type VisualizerPage } from './fixtures'
import { LessonPage } from './pages/LessonPage'

// Issue 14's lessons, clicked through as a student would: the Access tab's controls, the kubectl
// prompt and the editor the step fills in.
async function actAs(app: VisualizerPage, user: string): Promise<void> {
  await app.openTab('access')
  await app.page.getByTestId('context-select').selectOption(`${user}@kubernetes`)
  await expect(app.page.getByTestId('context-select')).toHaveValue(`${user}@kubernetes`)
}

test('the RBAC lesson: bob’s 403, the admin’s Role and RoleBinding, bob allowed', async ({
  app,
  page,
}) => {
  test.slow()
  const course = new LessonPage(page)
  await course.openCatalog()
  await expect(page.getByTestId('section-rbac')).not.toContainText('Coming')
  await expect(page.getByTestId('section-secrets')).not.toContainText('Coming')
  await expect(page.getByTestId('section-kubeconfig')).not.toContainText('Coming')
  await course.start('rbac')
  await expect(course.stepCount()).toHaveText('Step 1 of 4')
  // The step brought the Access tab to the front.
  await expect(page.getByTestId('tab-access')).toHaveAttribute('aria-selected', 'true')

  // 1. Predict 403, act as bob, get pods.
  await course.predict(2)
  await actAs(app, 'bob')
  await course.expectGoalMet('as-bob')
  await app.runKubectl('get pods', 'Error from server (Forbidden): pods is forbidden')
  await course.expectGoalMet('forbidden')
  await course.expectGoalMet('decided')
  await course.expectRevealed('You called it.')
  await expect(page.getByTestId('auth-line')).toContainText('RBAC ✗ 403')

  // 2. Ask before you try: the Can I form, then whoami.
  await course.next()
  await app.openTab('access')
  await page.getByTestId('access-view').getByRole('button', { name: 'Ask', exact: true }).click()
  await expect(page.getByTestId('can-i-answer')).toHaveText('no')
  await course.expectGoalMet('can-i-no')
  await app.runKubectl('auth whoami', 'system:authenticated')
  await course.expectGoalMet('whoami')

  // 3. The admin applies the Role and RoleBinding the step put in the editor.
  await course.next()
  await actAs(app, 'kubernetes-admin')
  await course.expectGoalMet('admin')
  await app.openTab('manifest')
  await app.apply()
  await course.expectGoalMet('role')
  await course.expectGoalMet('binding')

  // 4. Bob again: allowed, and can-i says yes to list but no to delete.
  await course.next()
  await course.predict(0)
  await actAs(app, 'bob')
  await app.runKubectl('get pods', 'No resources found in default namespace.')
  await course.expectGoalMet('allowed')
  await course.expectRevealed('You called it.')
  await app.openTab('access')
  await page.getByTestId('access-view').getByRole('button', { name: 'Ask', exact: true }).click()
  await expect(page.getByTestId('can-i-answer')).toHaveText('yes')
  await course.expectGoalMet('can-i-yes')
  await app.runKubectl('auth can-i delete pods', /can-i delete pods\s*no$/)
  await course.expectGoalMet('no-delete')
  await app.screenshot('lesson-rbac-done-1280x800')

  await course.next()
  await course.answerQuizAndFinish()
})

test('the Secrets lesson: Show me turns on aescbc and the inspector shows the ciphertext', async ({
  app,
  page,
}) => {
  test.slow()
  const course = new LessonPage(page)
  await course.openLink('secrets-encryption', 2)
  await expect(course.stepCount()).toHaveText('Step 2 of 4')
  // The API server restarts with the encryption config: 64x for that wait (steps 2 and 3 keep
  // whatever speed is picked; only step 1 sets one).
  await app.fastForward('64')
  await course.predict(1)
  await course.showMe()
  await course.expectGoalMet('new-secret', 60_000)
  await course.expectRevealed('You called it.')
  await course.next()
  await course.showMe()
  await course.expectGoalMet('rewritten', 60_000)
  // The step's panel is the Secrets tab: its inspector shows db-pass as ciphertext now.
  await page.getByTestId('etcd-key').selectOption('/registry/secrets/default/db-pass')
  await expect(page.getByTestId('etcdctl-output')).toContainText('k8s:enc:aescbc:v1:key1:')
  await expect(page.getByTestId('etcdctl-output')).not.toContainText('czNjcjN0')
})

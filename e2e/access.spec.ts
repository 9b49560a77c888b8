import { expect, test, type VisualizerPage } from './fixtures'

const FORBIDDEN =
  'Error from server (Forbidden): pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"'

const ROLE_AND_BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
  namespace: default
rules:
  - apiGroups: [""]
    resources: [pods]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: bob-reads-pods
  namespace: default
subjects:
  - kind: User
    name: bob
    apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
`

async function actAs(app: VisualizerPage, user: string): Promise<void> {
  await app.openTab('access')
  await app.page.getByTestId('context-select').selectOption(`${user}@kubernetes`)
  await expect(app.page.getByTestId('context-select')).toHaveValue(`${user}@kubernetes`)
}

async function askCanIListPods(app: VisualizerPage, answer: string): Promise<void> {
  await app.openTab('access')
  await app.page.getByRole('button', { name: 'Ask' }).click()
  await expect(app.page.getByTestId('can-i-answer')).toHaveText(answer)
}

test.describe('Access: kubeconfig users and RBAC', () => {
  test('Bob gets the 403, a Role and RoleBinding fix it, and can-i changes', async ({
    app,
    page,
  }) => {
    // The whole course story in one test (two users, apply, can-i twice): long on a loaded machine.
    test.slow()
    await app.open()
    await app.fastForward()
    await actAs(app, 'bob')
    // The map shows the verdict for 8 s of cluster time: at 1x, long enough to read (and check).
    await app.setSpeed('1')
    await app.runKubectl('get pods', FORBIDDEN)
    await expect(page.getByTestId('auth-line')).toHaveText('bob: authn ✓ · RBAC ✗ 403')
    await app.setSpeed('16')
    await app.openTab('access')
    const detail = page.getByTestId('decision-detail')
    await expect(detail).toContainText('Forbidden (403): no rule allows it')
    await expect(page.getByTestId('forbidden-message')).toHaveText(
      FORBIDDEN.replace('Error from server (Forbidden): ', ''),
    )
    // can-i's own request is allowed: the map says the answer, not a 403.
    await app.setSpeed('1')
    await askCanIListPods(app, 'no')
    await expect(page.getByTestId('auth-line')).toHaveText('bob: can-i list pods → no')
    await app.setSpeed('16')
    await expect(detail).toContainText('kubectl auth can-i: no — no rule allows it')
    await app.screenshot('access-denied-1280x800')
    await app.expectNoA11yViolations()
    // The dock keeps every panel mounted: ids must be unique across all of them.
    const ids = await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id))
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])

    await actAs(app, 'kubernetes-admin')
    await app.setManifest(ROLE_AND_BINDING)
    await app.apply()
    await expect(page.getByTestId('apply-output')).toContainText(
      'rolebinding.rbac.authorization.k8s.io/bob-reads-pods created',
    )
    await app.runKubectl('get rolebindings', /bob-reads-pods\s+Role\/pod-reader/)

    await actAs(app, 'bob')
    await app.runKubectl('get pods', 'No resources found in default namespace.')
    await askCanIListPods(app, 'yes')
    await app.openTab('access')
    await page.getByRole('button', { name: /^✓ bob list pods in default/ }).click()
    await expect(detail).toContainText('Allowed by RBAC')
    await expect(detail).toContainText(
      'RBAC: allowed by RoleBinding "bob-reads-pods/default" of Role "pod-reader" to User "bob"',
    )
    await expect(
      page.getByTestId('binding-card').filter({ hasText: 'allowed the request' }),
    ).toHaveCount(1)
    await app.screenshot('access-allowed-1280x800')
  })

  test('how kubectl found the API server, on a projector', async ({ app, page }) => {
    await page.setViewportSize({ width: 1024, height: 768 })
    await app.open()
    // Not about the request's hops: full speed, not 1x slowed down for each message.
    await app.fastForward()
    await actAs(app, 'ci-bot')
    await app.runKubectl('auth whoami', 'system:serviceaccount:default:ci-bot')
    await app.openTab('access')
    await page.getByTestId('tab-access-kubeconfig').click()
    const path = page.getByTestId('kubeconfig-path')
    await expect(path).toContainText('current-context: ci-bot@kubernetes')
    await expect(path).toContainText('server: https://control-plane:6443')
    await expect(path).toContainText('sub: system:serviceaccount:default:ci-bot')
    await expect(path).toContainText('system:serviceaccounts:default')
    await app.screenshot('access-kubeconfig-1024x768')
    await app.expectNoA11yViolations()
  })
})

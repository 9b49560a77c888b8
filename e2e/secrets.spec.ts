import { expect, test } from './fixtures'

test.describe('Secrets encryption at rest', () => {
  test('a Secret is readable in etcd until aescbc is enabled and the Secrets rewritten', async ({
    app,
    page,
  }) => {
    await app.open()
    await app.fastForward()
    await app.openTab('secrets')
    await page.getByRole('button', { name: 'Create Secret db-pass' }).click()
    await page.getByTestId('etcd-key').selectOption('/registry/secrets/default/db-pass')
    const state = page.getByTestId('storage-state')
    await expect(state).toContainText('Not encrypted')
    await expect(page.getByTestId('etcdctl-output')).toContainText('"password":"czNjcjN0"')
    await expect(page.getByRole('table')).toContainText('s3cr3t')
    await app.screenshot('secrets-plain-1280x800')
    await app.expectNoA11yViolations()

    await page.getByTestId('secrets-view').getByLabel('Template').selectOption('aescbc')
    await page.getByTestId('apply-encryption').click()
    await expect(page.getByTestId('encryption-status')).toContainText(
      'encrypts with the configuration',
    )
    // Enabling encryption rewrites nothing: the old value stays plaintext until written again.
    await expect(state).toContainText('Not encrypted')
    await page.getByTestId('rewrite-secrets').click()
    await expect(state).toContainText('Encrypted at rest: k8s:enc:aescbc:v1:key1:')
    await expect(page.getByTestId('etcdctl-output')).toContainText(
      '/registry/secrets/default/db-pass\nk8s:enc:aescbc:v1:key1:',
    )
    await expect(page.getByTestId('etcdctl-output')).not.toContainText('czNjcjN0')
    await expect(page.getByTestId('read-by')).toContainText(
      'kube-apiserver reads it with aescbc key1',
    )
    await expect(page.getByTestId('copied')).toContainText('it still decrypts')
    await app.screenshot('secrets-encrypted-1280x800')
    await app.expectNoA11yViolations()
  })

  test('a bad key makes kube-apiserver exit, and the page says why', async ({ app, page }) => {
    await page.setViewportSize({ width: 1024, height: 768 })
    await app.open()
    await app.openTab('secrets')
    const file = page.getByTestId('encryption-config')
    const text = await file.inputValue()
    await file.fill(text.replace(/secret: \S+/, 'secret: c2hvcnQ='))
    await page.getByTestId('apply-encryption').click()
    await expect(page.getByTestId('apiserver-error')).toContainText(
      'secret is not of the expected length, got 5, expected one of [16 24 32]',
    )
    // The long field path wraps inside the panel instead of running out of it.
    const overflow = await page
      .getByTestId('apiserver-error')
      .evaluate((el) => el.scrollWidth - el.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await app.screenshot('secrets-apiserver-exited-1024x768')
  })
})

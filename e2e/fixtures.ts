import { test as base, expect, type Locator, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { mkdirSync } from 'node:fs'
import type { KcvTestApi } from '../src/ui/app/test-api'

export const SCREENSHOT_DIR = 'e2e/screenshots'

/** Page object for the visualizer: the controls a student uses, plus the typed test API. */
export class VisualizerPage {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  async open(query = '?seed=1'): Promise<void> {
    await this.page.goto(`/${query}`)
    await expect(this.page.getByTestId('connection')).toHaveText('simulation running')
    await expect(this.page.getByTestId('component-kube-apiserver')).toBeVisible()
  }

  /** Reads the app state through window.__kcv (dev/test builds only). */
  async state<T>(pick: (state: ReturnType<KcvTestApi['state']>) => T): Promise<T> {
    return this.page.evaluate<T>(`(${pick.toString()})(window.__kcv.state())`)
  }

  /** Selects one of the dock's tabs (Manifest, kubectl, Pods, Events, Scheduler, etcd). */
  async openTab(id: string): Promise<void> {
    const tab = this.page.getByTestId(`tab-${id}`)
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click()
    await expect(tab).toHaveAttribute('aria-selected', 'true')
  }

  /** The Pods table's row for a Pod (opens the Pods tab). */
  async podRow(name: string): Promise<Locator> {
    await this.openTab('pods')
    return this.page.getByTestId(`pod-row-${name}`)
  }

  /** Runs a command at the kubectl prompt and waits for the expected output. */
  async runKubectl(command: string, expected: string | RegExp): Promise<void> {
    await this.openTab('kubectl')
    await this.page.getByTestId('kubectl-input').fill(command)
    await this.page.getByRole('button', { name: 'Run' }).click()
    await expect(this.page.getByTestId('kubectl-transcript')).toContainText(expected)
  }

  async setManifest(text: string): Promise<void> {
    await this.openTab('manifest')
    const editor = this.page.locator('[data-testid="manifest-editor"] .cm-content')
    await editor.click()
    await this.page.keyboard.press('ControlOrMeta+a')
    await this.page.keyboard.press('Delete')
    await this.page.keyboard.insertText(text)
  }

  async apply(): Promise<void> {
    await this.page.getByTestId('apply').click()
  }

  async setSpeed(speed: string): Promise<void> {
    await this.page.getByTestId('speed').selectOption(speed)
  }

  /**
   * Full speed for setup steps, without slowing down for messages: 16x, or 64x where what the
   * test checks takes minutes of cluster time (a rollout, a lesson's waits). A lesson step's own
   * speed replaces it when the step opens.
   */
  async fastForward(speed: '16' | '64' = '16'): Promise<void> {
    await this.page.getByTestId('follow-messages').uncheck()
    await this.setSpeed(speed)
  }

  /** Applies a manifest and waits until the named Pod's row reads Running. */
  async applyUntilRunning(manifest: string, podName: string): Promise<void> {
    await this.setManifest(manifest)
    await this.apply()
    await expect(await this.podRow(podName)).toContainText('Running', {
      timeout: 30_000,
    })
  }

  async seek(timeMs: number): Promise<void> {
    await this.page.evaluate((t) => {
      window.__kcv?.seek(t)
    }, timeMs)
  }

  stepItem(step: number) {
    return this.page.getByTestId(`flow-step-${step}`)
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    await this.page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true })
  }

  async expectNoA11yViolations(): Promise<void> {
    const results = await new AxeBuilder({ page: this.page }).exclude('.cm-editor').analyze()
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      ),
    ).toEqual([])
  }
}

export const test = base.extend<{ app: VisualizerPage }>({
  app: async ({ page }, use) => {
    await use(new VisualizerPage(page))
  },
})

export { expect }

const E2E_PORT = Number(process.env['E2E_PORT'] ?? 5199)
/** The visualizer's own origin (the dev server). */
export const APP_ORIGIN = `http://127.0.0.1:${E2E_PORT}`
/** A second origin: the example course page, and the built site under a sub-path. */
export const SECOND_ORIGIN = `http://127.0.0.1:${E2E_PORT + 1}`
export const BUILT_SITE = `${SECOND_ORIGIN}/course/kube-viz/`

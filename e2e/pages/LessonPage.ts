import { expect, type Locator, type Page } from '@playwright/test'

/** Page object for the course: the catalog and a lesson's pane. */
export class LessonPage {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  /** The catalog, landed on from the bare address, with every section loaded. */
  async openCatalog(): Promise<void> {
    await this.page.goto('/')
    await expect(this.page.getByTestId('catalog')).toBeVisible()
    await expect(this.page.getByTestId('section-desired-state')).toBeVisible()
  }

  async start(lessonId: string): Promise<void> {
    await this.page.getByTestId(`open-lesson-${lessonId}`).click()
    await expect(this.page.getByTestId('lesson-pane')).toBeVisible()
  }

  /** Opens a lesson at a step by its address, as a shared link would. */
  async openLink(lessonId: string, step: number): Promise<void> {
    await this.page.goto(`/?lesson=${lessonId}&step=${step}`)
    await expect(this.page.getByTestId('lesson-pane')).toBeVisible()
  }

  stepCount(): Locator {
    return this.page.getByTestId('step-count')
  }

  goal(id: string): Locator {
    return this.page.getByTestId(`goal-${id}`)
  }

  async expectGoalMet(id: string, timeout = 30_000): Promise<void> {
    await expect(this.goal(id)).toHaveAttribute('data-met', 'true', { timeout })
  }

  /** Picks a prediction choice (0-based) and locks it in. */
  async predict(choice: number): Promise<void> {
    await this.page.getByTestId(`prediction-choice-${choice}`).click()
    await this.page.getByTestId('prediction-answer').click()
  }

  async expectRevealed(text: string | RegExp): Promise<void> {
    await expect(this.page.getByTestId('prediction-reveal')).toContainText(text, {
      timeout: 30_000,
    })
  }

  async next(): Promise<void> {
    await this.page.getByTestId('step-next').click()
  }

  async showMe(): Promise<void> {
    await this.page.getByTestId('show-me').click()
  }

  /** Answers every quiz question with its first choice and finishes the lesson. */
  async answerQuizAndFinish(): Promise<void> {
    await expect(this.page.getByTestId('lesson-quiz')).toBeVisible()
    const questions = await this.page.locator('[data-testid^="quiz-question-"]').count()
    for (let i = 0; i < questions; i++)
      await this.page.getByTestId(`quiz-question-${i}`).locator('input[type=radio]').first().check()
    await this.page.getByTestId('finish-lesson').click()
    await expect(this.page.getByTestId('lesson-finished')).toContainText('Lesson complete')
  }
}

import type { SimClient } from '../../client/sim-client'

/**
 * Tells the host when the page is hidden (a background tab, a minimised window) and shown
 * again: nothing is streamed to a page no one sees; shown, it gets one catch-up frame.
 */
export function watchVisibility(client: SimClient): void {
  const report = () => {
    client.setVisible(document.visibilityState !== 'hidden')
  }
  document.addEventListener('visibilitychange', report)
  report()
}

import { PresenterFollower } from '../../client/presenter-link'
import { spawnWorker } from '../../client/spawn'
import { PRESENTER_CHANNEL, type FollowStep } from '../../protocol/presenter'
import { createAppStore } from '../../store/store'
import {
  BOOT_MS,
  createClient,
  createServices,
  simulationOptions,
  type AppServices,
} from '../app/boot'
import { setPrefs } from '../app/prefs'

// Until the instructor's window answers, ask again now and then (it may still be loading).
const HELLO_EVERY_MS = 1_500

/**
 * The presenter's window: its own simulation, driven only by the instructor's window over a
 * BroadcastChannel (same seed, same action log, same time, same panel); large type always.
 */
export function bootPresenter(session: string): { services: AppServices } {
  const store = createAppStore()
  store.setState({ presenterStatus: 'waiting' })
  const client = createClient(store, spawnWorker)
  const services = createServices(store, client)
  let loaded: string | undefined
  const apply = (step: FollowStep) => {
    if (step.load) {
      const options = JSON.stringify(step.load.options)
      // Another cluster in the same session (the instructor opened a scenario): start afresh.
      if (loaded !== undefined && loaded !== options) window.location.reload()
      loaded = options
      store.setState({ run: step.load.options })
      client.start({
        options: simulationOptions(step.load.options),
        bootMs: BOOT_MS,
        replay: step.load.actions,
        seekMs: step.load.timeMs,
      })
    }
    if (step.mirror && loaded !== undefined) {
      client.mirror(step.mirror)
      store.setState({ speed: step.mirror.speed })
    }
    if (step.view) {
      store.setState({ dockTab: step.view.panel, presenterDetail: step.view.showDetail })
      setPrefs(store, { theme: step.view.theme, largeType: true })
    }
    store.setState({ presenterStatus: step.status })
  }
  const follower = new PresenterFollower(new BroadcastChannel(PRESENTER_CHANNEL), session, apply)
  follower.hello()
  const retry = window.setInterval(() => {
    if (follower.following) window.clearInterval(retry)
    else follower.hello()
  }, HELLO_EVERY_MS)
  return { services }
}

import { PresenterBroadcaster } from '../../client/presenter-link'
import { PRESENTER_CHANNEL } from '../../protocol/presenter'
import type { RecordedAction } from '../../sim/index'
import type { AppStore } from '../../store/store'
import { recordedLog } from './scenario-of'

const SESSION_KEY = 'kube-viz:presenter-session'
let broadcaster: PresenterBroadcaster | undefined

function sessionId(): string {
  const saved = sessionStorage.getItem(SESSION_KEY)
  if (saved !== null) return saved
  const id = crypto.randomUUID()
  sessionStorage.setItem(SESSION_KEY, id)
  return id
}

/** Starts telling presenter windows of this session what this window shows. */
function broadcast(store: AppStore, session: string): void {
  if (broadcaster) return
  // The broadcaster resends the log when its identity changes: keep one copy per store log.
  let logOf: RecordedAction[] | undefined
  let log: RecordedAction[] = []
  const actionsOf = (actions: RecordedAction[]) => {
    if (actions !== logOf) [logOf, log] = [actions, recordedLog(actions)]
    return log
  }
  const b = new PresenterBroadcaster(new BroadcastChannel(PRESENTER_CHANNEL), session, () => {
    const s = store.getState()
    return {
      options: s.lessonRun ?? s.run,
      actions: actionsOf(s.actions),
      timeMs: Math.floor(s.simTimeMs),
      playing: s.playing,
      speed: s.speed,
      followMessages: s.followMessages,
      view: {
        panel: s.dockTab,
        theme: s.prefs.theme,
        largeType: s.prefs.largeType,
        showDetail: s.presenterDetail,
      },
    }
  })
  store.subscribe(() => {
    b.update()
  })
  window.addEventListener('pagehide', () => {
    b.close()
  })
  broadcaster = b
  b.snapshot()
}

/** Opens (or brings back) the presenter's window for the projector. */
export function openPresenterWindow(store: AppStore): Window | null {
  const session = sessionId()
  broadcast(store, session)
  const url = new URL(window.location.href)
  url.search = `?presenter=${encodeURIComponent(session)}`
  url.hash = ''
  return window.open(url.href, `kube-viz-presenter-${session}`, 'popup,width=1280,height=800')
}

/** After a reload, keep a presenter window of this tab's session following. */
export function resumePresenterBroadcast(store: AppStore): void {
  const saved = sessionStorage.getItem(SESSION_KEY)
  if (saved !== null) broadcast(store, saved)
}

export function isPresenting(): boolean {
  return broadcaster !== undefined
}

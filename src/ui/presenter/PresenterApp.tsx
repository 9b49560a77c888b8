import { useShallow } from 'zustand/react/shallow'
import { ClusterMap } from '../views/ClusterMap/ClusterMap'
import { FlowSteps } from '../panels/FlowSteps'
import { useAppState } from '../app/app-context'
import { Dock } from '../app/Dock'
import { DOCK_TABS } from '../app/dock-tabs'
import { formatSimTime } from '../viz/age'
import { speedLabel } from '../viz/speeds'
import './presenter.css'

// What the projector never shows unless the instructor says so: their own typing.
const DETAIL_TABS = new Set(['manifest', 'kubectl'])
// Controls for the instructor only.
const INSTRUCTOR_TABS = new Set(['faults'])

const STATUS = {
  waiting: 'Waiting for the instructor’s window…',
  following: 'Following the instructor',
  ended: 'The instructor’s window closed',
} as const

/**
 * The projector's window: the instructor's run, time and panel, exactly, in large type and high
 * contrast, with nothing to edit. A badge says it is following.
 */
export function PresenterApp() {
  const { status, playing, speed, simTimeMs, showDetail } = useAppState(
    useShallow((s) => ({
      status: s.presenterStatus ?? 'waiting',
      playing: s.playing,
      speed: s.speed,
      simTimeMs: s.simTimeMs,
      showDetail: s.presenterDetail,
    })),
  )
  const tabs = DOCK_TABS.filter(
    (t) => !INSTRUCTOR_TABS.has(t.id) && (showDetail || !DETAIL_TABS.has(t.id)),
  )
  return (
    <div className="app presenter-mode" data-testid="presenter">
      <header className="app-header">
        <h1>kube control-plane visualizer</h1>
        <p className="presenter-clock" data-testid="presenter-clock">
          {playing ? `▶ playing at ${speedLabel(speed)}` : '❚❚ paused'} · t ={' '}
          {formatSimTime(simTimeMs)}
        </p>
        <span className={`badge following-${status}`} role="status" data-testid="following-badge">
          {status === 'following' ? '● ' : ''}
          {STATUS[status]}
        </span>
      </header>
      <main className="workspace">
        <section className="stage" aria-label="Cluster">
          <div className="map-area panel">
            <ClusterMap />
          </div>
          <FlowSteps />
        </section>
        <Dock tabs={tabs} footer={null} />
      </main>
    </div>
  )
}

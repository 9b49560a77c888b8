import { ClusterAlerts } from '../views/ClusterMap/ClusterAlerts'
import { ClusterMap } from '../views/ClusterMap/ClusterMap'
import { FlowSteps } from '../panels/FlowSteps'
import { ForkNotice } from '../panels/ForkNotice'
import { Notices } from '../panels/Notices'
import { PlaybackControls } from '../panels/PlaybackControls'
import { Timeline } from '../panels/Timeline'
import { useAppState } from './app-context'
import { LANDSCAPE_QUERY, useMediaQuery } from './use-media-query'
import { Dock } from './Dock'
import { DOCK_TABS } from './dock-tabs'

interface AppProps {
  warnings: string[]
}

/**
 * The page. Landscape (from 1024 px): one screen, no page scroll: playback and the timeline on
 * top, the stage (the map and the step list) on the left, the dock (every other panel, as tabs,
 * with the apply control) on the right. Narrower: one column, with the step list stuck to the
 * bottom of the screen while the map scrolls by. What is broken (etcd unavailable, a stopped
 * component) is said above the map, or in landscape above the dock's tabs, so that the map keeps
 * the height it needs to show the whole cluster.
 */
export function App({ warnings }: AppProps) {
  const connection = useAppState((s) => s.connection)
  const landscape = useMediaQuery(LANDSCAPE_QUERY)
  return (
    <div className="app">
      <header className="app-header">
        <h1>kube control-plane visualizer</h1>
        <PlaybackControls />
        <span className={`badge connection-${connection}`} data-testid="connection">
          {connection === 'ready' ? 'simulation running' : connection}
        </span>
      </header>
      <Notices warnings={warnings} />
      <Timeline />
      <ForkNotice />
      <main className="workspace">
        <section className="stage" aria-label="Cluster">
          {!landscape && <ClusterAlerts />}
          <div className="map-area panel">
            <ClusterMap />
          </div>
          <FlowSteps />
        </section>
        <Dock tabs={DOCK_TABS} header={landscape ? <ClusterAlerts /> : undefined} />
      </main>
    </div>
  )
}

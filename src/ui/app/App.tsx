import { ClusterMap } from '../views/ClusterMap/ClusterMap'
import { FlowSteps } from '../panels/FlowSteps'
import { Notices } from '../panels/Notices'
import { PlaybackControls } from '../panels/PlaybackControls'
import { Timeline } from '../panels/Timeline'
import { useAppState } from './app-context'
import { Dock } from './Dock'
import { DOCK_TABS } from './dock-tabs'

interface AppProps {
  warnings: string[]
}

/**
 * The page. Landscape (from 1024 px): one screen, no page scroll: playback and the timeline on
 * top, the stage (the map and the step list) on the left, the dock (every other panel, as tabs,
 * with the apply control) on the right. Narrower: one column, with the step list stuck to the
 * bottom of the screen while the map scrolls by.
 */
export function App({ warnings }: AppProps) {
  const connection = useAppState((s) => s.connection)
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
      <main className="workspace">
        <section className="stage" aria-label="Cluster">
          <div className="map-area panel">
            <ClusterMap />
          </div>
          <FlowSteps />
        </section>
        <Dock tabs={DOCK_TABS} />
      </main>
    </div>
  )
}

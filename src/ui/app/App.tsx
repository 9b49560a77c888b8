import { ClusterMap } from '../views/ClusterMap/ClusterMap'
import { RaftView } from '../views/RaftView/RaftView'
import { EventLog } from '../panels/EventLog'
import { FlowSteps } from '../panels/FlowSteps'
import { KubectlConsole } from '../panels/KubectlConsole'
import { Notices } from '../panels/Notices'
import { ManifestEditor } from '../panels/ManifestEditor'
import { PodsTable } from '../panels/PodsTable'
import { Timeline } from '../panels/Timeline'
import { SchedulerView } from '../views/SchedulerView/SchedulerView'
import { useAppState } from './app-context'

interface AppProps {
  warnings: string[]
}

/** The page: playback on top, the map beside the editor and flow, tables below. */
export function App({ warnings }: AppProps) {
  const connection = useAppState((s) => s.connection)
  return (
    <div className="app">
      <header className="app-header">
        <h1>kube control-plane visualizer</h1>
        <span className={`badge connection-${connection}`} data-testid="connection">
          {connection === 'ready' ? 'simulation running' : connection}
        </span>
      </header>
      <Notices warnings={warnings} />
      <Timeline />
      <main className="layout">
        <div className="map-area panel">
          <ClusterMap />
        </div>
        <div className="side">
          <FlowSteps />
          <ManifestEditor />
        </div>
        <PodsTable />
        <KubectlConsole />
        <SchedulerView />
        <RaftView />
        <EventLog />
      </main>
    </div>
  )
}

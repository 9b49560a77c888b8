import { useMemo, useState } from 'react'
import { ClusterAlerts } from '../views/ClusterMap/ClusterAlerts'
import { ClusterMap } from '../views/ClusterMap/ClusterMap'
import { FlowSteps } from '../panels/FlowSteps'
import { ForkNotice } from '../panels/ForkNotice'
import { Notices } from '../panels/Notices'
import { PlaybackControls } from '../panels/PlaybackControls'
import { Timeline } from '../panels/Timeline'
import { Announcer } from '../components/Announcer'
import { ShortcutHelp } from '../components/ShortcutHelp'
import { EmbedDialog } from '../instructor/EmbedDialog'
import { InstructorToolbar, type ToolbarDialog } from '../instructor/InstructorToolbar'
import { ShareDialog } from '../instructor/ShareDialog'
import { useAppState, useServices } from './app-context'
import { LANDSCAPE_QUERY, useMediaQuery } from './use-media-query'
import { Dock } from './Dock'
import { DOCK_TABS } from './dock-tabs'
import { useShortcuts } from './use-shortcuts'

interface AppProps {
  warnings: string[]
}

/** Brings the failure panel to the front of the dock and moves focus to its tab. */
function openFaults(store: ReturnType<typeof useServices>['store']): void {
  store.setState({ dockTab: 'faults' })
  requestAnimationFrame(() => {
    document.getElementById('tab-faults')?.focus()
  })
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
  const services = useServices()
  const connection = useAppState((s) => s.connection)
  const [dialog, setDialog] = useState<ToolbarDialog | undefined>(undefined)
  const handlers = useMemo(
    () => ({
      openFailurePanel: () => {
        openFaults(services.store)
      },
      openHelp: () => {
        setDialog('help')
      },
      nextLessonStep: () => {
        services.lessons?.next()
      },
    }),
    [services],
  )
  useShortcuts(services, handlers, dialog === undefined)
  const close = () => {
    setDialog(undefined)
  }
  const landscape = useMediaQuery(LANDSCAPE_QUERY)
  return (
    <div className="app">
      <a className="skip-link" href="#cluster-map">
        Skip to the cluster map
      </a>
      <header className="topbar">
        <div className="app-header">
          <h1>kube control-plane visualizer</h1>
          <PlaybackControls />
          <span className={`badge connection-${connection}`} data-testid="connection">
            {connection === 'ready' ? 'simulation running' : connection}
          </span>
        </div>
        <InstructorToolbar onOpen={setDialog} onFaults={handlers.openFailurePanel} />
        <Timeline />
      </header>
      <Notices warnings={warnings} />
      <ForkNotice />
      <main className="workspace">
        <section className="stage" aria-label="Cluster" id="cluster-map" tabIndex={-1}>
          {!landscape && <ClusterAlerts />}
          <div className="map-area panel">
            <ClusterMap />
          </div>
          <FlowSteps />
        </section>
        <Dock tabs={DOCK_TABS} header={landscape ? <ClusterAlerts /> : undefined} />
      </main>
      <Announcer />
      <ShareDialog open={dialog === 'share'} onClose={close} />
      <EmbedDialog open={dialog === 'embed'} onClose={close} />
      <ShortcutHelp open={dialog === 'help'} onClose={close} />
    </div>
  )
}

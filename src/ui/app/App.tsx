import { useMemo, useState } from 'react'
import { ClusterAlerts } from '../views/ClusterMap/ClusterAlerts'
import { Catalog } from '../views/Catalog/Catalog'
import { LessonPane } from '../views/LessonPane/LessonPane'
import { FlowSteps } from '../panels/FlowSteps'
import { ForkNotice } from '../panels/ForkNotice'
import { Notices } from '../panels/Notices'
import { AttachNotice } from '../panels/AttachNotice'
import { Announcer } from '../components/Announcer'
import { ShortcutHelp } from '../components/ShortcutHelp'
import { EmbedDialog } from '../instructor/EmbedDialog'
import type { ToolbarDialog } from '../instructor/InstructorToolbar'
import { ShareDialog } from '../instructor/ShareDialog'
import { useAppState, useServices } from './app-context'
import { TopBar } from './TopBar'
import { StageMap } from './StageMap'
import { LANDSCAPE_QUERY, useMediaQuery } from './use-media-query'
import { Dock } from './Dock'
import { DOCK_TABS } from './dock-tabs'
import { useCourse } from './use-course'
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
 * The page. The catalog is a page of its own. Free play and lessons share the workspace:
 * landscape (from 1024 px) is one screen with no page scroll: playback, the instructor's tools
 * and the timeline on top, the stage (the map and the step list) on the left and, on the right,
 * the lesson pane over the dock (every other panel, as tabs, with the apply control). Narrower:
 * one column, the lesson under the map, the step list stuck to the bottom of the screen. What is
 * broken (etcd unavailable, a stopped component) is said above the map, or in landscape above
 * the dock's tabs, so that the map keeps the height it needs to show the whole cluster.
 */
export function App({ warnings }: AppProps) {
  const services = useServices()
  const mode = useCourse((_, matches) =>
    matches('lesson') ? 'lesson' : matches('freePlay') ? 'free' : 'catalog',
  )
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
  // Attached and cut off from the served simulation: what is left is its last state, not live.
  const detached = useAppState(
    (s) =>
      s.attachedTo !== undefined && (s.connection === 'disconnected' || s.connection === 'crashed'),
  )
  const landscape = useMediaQuery(LANDSCAPE_QUERY)
  const dock = <Dock tabs={DOCK_TABS} header={landscape ? <ClusterAlerts /> : undefined} />
  return (
    <div className={`app mode-${mode}`}>
      <a className="skip-link" href={mode === 'catalog' ? '#catalog' : '#cluster-map'}>
        {mode === 'catalog' ? 'Skip to the lessons' : 'Skip to the cluster map'}
      </a>
      <TopBar
        mode={mode}
        onOpen={setDialog}
        onFaults={handlers.openFailurePanel}
        onCatalog={() => {
          services.course.send({ type: 'OPEN_CATALOG' })
        }}
      />
      <Notices warnings={warnings} />
      <AttachNotice />
      {mode === 'catalog' ? (
        <Catalog />
      ) : (
        <>
          <ForkNotice />
          <main
            className={`workspace${mode === 'lesson' ? ' with-lesson' : ''}${detached ? ' detached' : ''}`}
            inert={detached}
          >
            <section className="stage" aria-label="Cluster" id="cluster-map" tabIndex={-1}>
              {!landscape && <ClusterAlerts />}
              <div className="map-area panel">
                <StageMap />
              </div>
              <FlowSteps />
            </section>
            {mode === 'lesson' ? (
              <div className="side-column">
                <LessonPane />
                {dock}
              </div>
            ) : (
              dock
            )}
          </main>
        </>
      )}
      <Announcer />
      <ShareDialog open={dialog === 'share'} onClose={close} />
      <EmbedDialog open={dialog === 'embed'} onClose={close} />
      <ShortcutHelp open={dialog === 'help'} onClose={close} />
    </div>
  )
}

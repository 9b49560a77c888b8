import { ClusterMap } from '../views/ClusterMap/ClusterMap'
import { Catalog } from '../views/Catalog/Catalog'
import { LessonPane } from '../views/LessonPane/LessonPane'
import { FlowSteps } from '../panels/FlowSteps'
import { Notices } from '../panels/Notices'
import { PlaybackControls } from '../panels/PlaybackControls'
import { Timeline } from '../panels/Timeline'
import { useAppState, useServices } from './app-context'
import { Dock } from './Dock'
import { DOCK_TABS } from './dock-tabs'
import { useCourse } from './use-course'

interface AppProps {
  warnings: string[]
}

/**
 * The page. The catalog is a page of its own. Free play and lessons share the workspace:
 * landscape (from 1024 px) is one screen with no page scroll: playback and the timeline on top,
 * the stage (the map and the step list) on the left and, on the right, the lesson pane over the
 * dock (every other panel, as tabs, with the apply control). Narrower: one column, the lesson
 * under the map.
 */
export function App({ warnings }: AppProps) {
  const { course } = useServices()
  const connection = useAppState((s) => s.connection)
  const mode = useCourse((_, matches) =>
    matches('lesson') ? 'lesson' : matches('freePlay') ? 'free' : 'catalog',
  )
  return (
    <div className={`app mode-${mode}`}>
      <header className="app-header">
        <h1>kube control-plane visualizer</h1>
        {mode !== 'catalog' && <PlaybackControls />}
        {mode === 'free' && (
          <button
            type="button"
            className="link"
            onClick={() => course.send({ type: 'OPEN_CATALOG' })}
            data-testid="open-catalog"
          >
            Lessons
          </button>
        )}
        <span className={`badge connection-${connection}`} data-testid="connection">
          {connection === 'ready' ? 'simulation running' : connection}
        </span>
      </header>
      <Notices warnings={warnings} />
      {mode === 'catalog' ? (
        <Catalog />
      ) : (
        <>
          <Timeline />
          <main className={`workspace${mode === 'lesson' ? ' with-lesson' : ''}`}>
            <section className="stage" aria-label="Cluster">
              <div className="map-area panel">
                <ClusterMap />
              </div>
              <FlowSteps />
            </section>
            {mode === 'lesson' ? (
              <div className="side-column">
                <LessonPane />
                <Dock tabs={DOCK_TABS} />
              </div>
            ) : (
              <Dock tabs={DOCK_TABS} />
            )}
          </main>
        </>
      )}
    </div>
  )
}

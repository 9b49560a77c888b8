import { useShallow } from 'zustand/react/shallow'
import { ClusterMap } from '../views/ClusterMap/ClusterMap'
import { RaftView } from '../views/RaftView/RaftView'
import { SchedulerView } from '../views/SchedulerView/SchedulerView'
import { PlaybackControls } from '../panels/PlaybackControls'
import { PlayPauseButton } from '../panels/PlayPauseButton'
import { Timeline } from '../panels/Timeline'
import { useAppState, useServices } from '../app/app-context'
import { useCourse } from '../app/use-course'
import { LessonPane } from '../views/LessonPane/LessonPane'
import { formatSimTime } from '../viz/age'
import type { EmbedOptions } from './embed-options'
import { useEmbedPage } from './use-embed-page'
import './embed.css'

const VIEW_LABEL = {
  map: 'Cluster map',
  raft: 'etcd: Raft consensus',
  scheduler: 'Scheduler',
} as const

/** The minimal controls: play or pause, step, and the clock. */
function MinimalControls() {
  const { playback } = useServices()
  const simTimeMs = useAppState((s) => s.simTimeMs)
  return (
    <div className="timeline-controls" role="group" aria-label="Playback">
      <PlayPauseButton />
      <button type="button" onClick={() => playback.send({ type: 'STEP' })} data-testid="step">
        Step ▸
      </button>
      <output className="sim-time" data-testid="sim-time">
        t = {formatSimTime(simTimeMs)}
      </output>
    </div>
  )
}

/** The lesson's strip under the view: its height is reserved while the lesson opens. */
function EmbedLesson() {
  const state = useCourse((_, matches) =>
    matches('lesson') ? 'open' : matches('freePlay') ? 'refused' : 'opening',
  )
  return (
    <div className="embed-lesson" data-testid="embed-lesson">
      {state === 'open' && <LessonPane embedded />}
      {state !== 'open' && (
        <p className="embed-lesson-wait" role="status">
          {state === 'opening'
            ? 'Opening the lesson…'
            : 'The lesson could not be opened (the notice above says why); the cluster runs without it.'}
        </p>
      )}
    </div>
  )
}

/**
 * The page inside a course's iframe: one view, the controls asked for and, with `lesson=`, a
 * compact lesson pane, laid out to exactly the height embed.js reserves
 * (protocol/embed-constants.ts), so the host page never shifts. Notices float over the view
 * instead of pushing it down.
 */
export function EmbedApp({ options }: { options: EmbedOptions }) {
  const services = useServices()
  useEmbedPage(services, options)
  const notice = useAppState((s) => s.notice ?? s.workerError)
  const notices = useAppState(useShallow((s) => s.notices))
  const shown = [...options.warnings, ...notices, ...(notice !== undefined ? [notice] : [])]
  return (
    <div
      className={`embed-mode controls-${options.controls}${options.lesson !== undefined ? ' with-lesson' : ''}`}
      data-testid="embed"
    >
      <main className="embed-view" aria-label={VIEW_LABEL[options.view]}>
        {options.view === 'map' && <ClusterMap fit />}
        {options.view === 'raft' && <RaftView />}
        {options.view === 'scheduler' && <SchedulerView />}
        {shown.length > 0 && (
          <div className="embed-notice" role="alert">
            {shown.map((w) => (
              <p key={w}>{w}</p>
            ))}
          </div>
        )}
      </main>
      {options.controls === 'minimal' && (
        <div className="embed-controls">
          <MinimalControls />
        </div>
      )}
      {options.controls === 'full' && (
        <div className="embed-controls">
          <PlaybackControls />
          <Timeline />
        </div>
      )}
      {options.lesson !== undefined && <EmbedLesson />}
    </div>
  )
}

import { InstructorToolbar, type ToolbarDialog } from '../instructor/InstructorToolbar'
import { PlaybackControls } from '../panels/PlaybackControls'
import { Timeline } from '../panels/Timeline'
import { useAppState } from './app-context'

interface TopBarProps {
  mode: 'catalog' | 'free' | 'lesson'
  onOpen: (dialog: ToolbarDialog) => void
  onFaults: () => void
  onCatalog: () => void
}

/**
 * The top of the page: the title, playback, the way to the lessons (in free play) and the
 * connection; under them, outside the catalog, the instructor's tools and the timeline.
 */
export function TopBar({ mode, onOpen, onFaults, onCatalog }: TopBarProps) {
  const connection = useAppState((s) => s.connection)
  return (
    <header className="topbar">
      <div className="app-header">
        <h1>
          kube <span className="title-long">control-plane </span>visualizer
        </h1>
        {mode !== 'catalog' && <PlaybackControls />}
        {mode === 'free' && (
          <button type="button" className="link" onClick={onCatalog} data-testid="open-catalog">
            Lessons
          </button>
        )}
        <span className={`badge connection-${connection}`} data-testid="connection">
          {connection === 'ready' ? 'simulation running' : connection}
        </span>
      </div>
      {mode !== 'catalog' && (
        <>
          <InstructorToolbar onOpen={onOpen} onFaults={onFaults} />
          <Timeline />
        </>
      )}
    </header>
  )
}

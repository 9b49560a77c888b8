import { InstructorToolbar, type ToolbarDialog } from '../instructor/InstructorToolbar'
import { PlaybackControls } from '../panels/PlaybackControls'
import { Timeline } from '../panels/Timeline'
import { useAppState } from './app-context'
import { ConnectionBadge } from './ConnectionBadge'

interface TopBarProps {
  mode: 'catalog' | 'free' | 'lesson'
  onOpen: (dialog: ToolbarDialog) => void
  onFaults: () => void
  onCatalog: () => void
}

/**
 * The top of the page: the title, playback, the way to the lessons (in free play, unless the
 * page is attached to a served simulation) and the connection; under them, outside the catalog, the instructor's tools and the timeline.
 */
export function TopBar({ mode, onOpen, onFaults, onCatalog }: TopBarProps) {
  const attached = useAppState((s) => s.attachedTo !== undefined)
  return (
    <header className="topbar">
      <div className="app-header">
        <h1>
          kube <span className="title-long">control-plane </span>visualizer
        </h1>
        {mode !== 'catalog' && <PlaybackControls />}
        {mode === 'free' && !attached && (
          <button type="button" className="link" onClick={onCatalog} data-testid="open-catalog">
            Lessons
          </button>
        )}
        <ConnectionBadge />
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

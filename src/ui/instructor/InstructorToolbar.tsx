import { useAppState, useServices } from '../app/app-context'
import { DisplayMenu } from './DisplayMenu'
import { openPresenterWindow } from './presenter-window'

const SERVED_HELP =
  'Attached to a served simulation: to show it elsewhere (the projector too), open the same attach link there.'

export type ToolbarDialog = 'share' | 'embed' | 'help'

interface InstructorToolbarProps {
  onOpen: (dialog: ToolbarDialog) => void
  onFaults: () => void
}

/** The instructor's and author's tools: faults, share, embed, the projector, display settings. */
export function InstructorToolbar({ onOpen, onFaults }: InstructorToolbarProps) {
  const { store } = useServices()
  const attached = useAppState((s) => s.attachedTo !== undefined)
  // A served run is not the page's to share or mirror: its seed and log live in npm run serve.
  const served = attached ? { disabled: true, title: SERVED_HELP } : {}
  return (
    <div className="toolbar" role="toolbar" aria-label="Instructor tools">
      <button type="button" onClick={onFaults} data-testid="open-faults" aria-keyshortcuts="f">
        ⚡ Faults
      </button>
      <button type="button" onClick={() => onOpen('share')} data-testid="open-share" {...served}>
        Share
      </button>
      <button type="button" onClick={() => onOpen('embed')} data-testid="open-embed" {...served}>
        Embed
      </button>
      <button
        type="button"
        onClick={() => openPresenterWindow(store)}
        data-testid="open-presenter"
        title="Open a window for the projector that follows this one"
        {...served}
      >
        Presenter
      </button>
      <DisplayMenu />
      <button
        type="button"
        onClick={() => onOpen('help')}
        aria-label="Keyboard shortcuts"
        aria-keyshortcuts="?"
        data-testid="open-help"
      >
        ?
      </button>
    </div>
  )
}

interface TimelineZoomProps {
  zoomed: boolean
  onToggle: () => void
}

/** "Recent" zooms the timeline to the latest activity; "Whole run" shows all of it again. */
export function TimelineZoom({ zoomed, onToggle }: TimelineZoomProps) {
  return (
    <button
      type="button"
      className="timeline-zoom"
      aria-pressed={zoomed}
      title={zoomed ? 'Show the whole run' : 'Zoom the timeline to the latest activity'}
      onClick={onToggle}
      data-testid="timeline-zoom"
    >
      {zoomed ? 'Whole run' : 'Recent'}
    </button>
  )
}

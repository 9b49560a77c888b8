const LIVE_HELP =
  'Real clients hold watches and resource versions from the present: a served simulation (npm run serve) only goes forward.'

/** Beside the clock of a page attached to a served simulation: why the timeline is still. */
export function LiveNote() {
  return (
    <span className="live-note" data-testid="live-note" title={LIVE_HELP}>
      live: cannot rewind
    </span>
  )
}

import { useShallow } from 'zustand/react/shallow'
import { useAppState, useServices } from '../app/app-context'
import { PlayPauseButton } from './PlayPauseButton'
import { SpeedSelect } from './SpeedSelect'

/** Play, pause, step, speed and slow-down-for-messages. */
export function PlaybackControls() {
  const { playback, client, store } = useServices()
  const { followMessages, hopping } = useAppState(
    useShallow((s) => ({
      followMessages: s.followMessages,
      // A flow in progress: begun, neither complete nor ended.
      hopping:
        s.flow !== undefined &&
        (s.flow.completedAtMs === undefined || s.simTimeMs < s.flow.completedAtMs) &&
        (s.flow.outcome === undefined || s.simTimeMs < s.flow.outcome.atMs),
    })),
  )
  return (
    <div className="timeline-controls" role="group" aria-label="Playback">
      <PlayPauseButton />
      <button
        type="button"
        onClick={() => playback.send({ type: 'STEP' })}
        title="To the next instant anything happens (a few ms; often a heartbeat)"
        data-testid="step"
      >
        Step ▸
      </button>
      <button
        type="button"
        onClick={() => playback.send({ type: 'NEXT_HOP' })}
        disabled={!hopping}
        title="To the followed Pod’s next message: sent, or arriving"
        data-testid="next-hop"
      >
        Next hop ▸▸
      </button>
      <SpeedSelect />
      <label className="follow">
        <input
          type="checkbox"
          checked={followMessages}
          onChange={(e) => {
            store.setState({ followMessages: e.target.checked })
            client.setFollowMessages(e.target.checked)
          }}
          data-testid="follow-messages"
        />
        Slow down for messages
      </label>
    </div>
  )
}

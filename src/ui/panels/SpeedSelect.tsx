import { useAppState, useServices } from '../app/app-context'
import { SPEEDS, speedLabel } from '../viz/speeds'

/** The playback speed picker. */
export function SpeedSelect() {
  const { playback } = useServices()
  const speed = useAppState((s) => s.speed)
  return (
    <label className="speed">
      Speed
      <select
        value={speed}
        onChange={(e) => playback.send({ type: 'SET_SPEED', speed: Number(e.target.value) })}
        data-testid="speed"
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {speedLabel(s)}
          </option>
        ))}
      </select>
    </label>
  )
}

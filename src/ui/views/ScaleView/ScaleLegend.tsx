import { useAppState } from '../../app/app-context'
import { CONDITION_NAMES } from './scale-colors'
import { selectNodeMap } from '../../viz/node-map'

const SWATCH_CLASS = ['ready', 'not-ready', 'unknown'] as const

/** What the colours and the fill mean, and how the messages are sampled. */
export function ScaleLegend() {
  const full = useAppState((s) => Math.max(1, ...selectNodeMap(s).pods))
  const sample = useAppState((s) => s.messageSample)
  const sampled = sample !== undefined && sample.sent > sample.shown
  return (
    <div className="scale-legend" data-testid="scale-legend">
      <ul aria-label="Node condition (the Ready condition)">
        {CONDITION_NAMES.map((name, i) => (
          <li key={name}>
            <span className={`swatch ${SWATCH_CLASS[i] ?? ''}`} aria-hidden="true" />
            {name}
          </li>
        ))}
        <li>
          <span className="swatch fill" aria-hidden="true" />
          fill: Pods on the node (full = {full}, the busiest)
        </li>
      </ul>
      {sample && (
        <p className="scale-sample" data-testid="message-sample">
          {sampled
            ? `Messages sampled: drawing ${sample.shown.toLocaleString('en')} of ${sample.sent.toLocaleString('en')} sent in the last virtual second.`
            : `Messages: all ${sample.sent.toLocaleString('en')} sent in the last virtual second drawn.`}
        </p>
      )}
    </div>
  )
}

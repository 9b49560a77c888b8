import { memo } from 'react'
import { useAppState } from '../../app/app-context'
import { CONDITION_NAMES } from './scale-colors'
import { selectNodeMap } from '../../viz/node-map'
import { busiest } from './draw-scale'

const SWATCH_CLASS = ['ready', 'not-ready', 'unknown'] as const
const FORMAT = new Intl.NumberFormat('en')

/** What the colours and the fill mean (renders again only when the busiest node's Pods change). */
const ColourKey = memo(function ColourKey({ full }: { full: number }) {
  return (
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
  )
})

/** What the colours and the fill mean, and how the messages are sampled. */
export function ScaleLegend() {
  const full = useAppState((s) => busiest(selectNodeMap(s)))
  const sample = useAppState((s) => s.messageSample)
  const sampled = sample !== undefined && sample.sent > sample.shown
  return (
    <div className="scale-legend" data-testid="scale-legend">
      <ColourKey full={full} />
      {sample && (
        <p className="scale-sample" data-testid="message-sample">
          {sampled
            ? `Messages sampled: drawing ${FORMAT.format(sample.shown)} of ${FORMAT.format(sample.sent)} sent in the last virtual second.`
            : `Messages: all ${FORMAT.format(sample.sent)} sent in the last virtual second drawn.`}
        </p>
      )}
    </div>
  )
}

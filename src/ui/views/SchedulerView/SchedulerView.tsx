import { useState } from 'react'
import { useAppState } from '../../app/app-context'
import { Tabs } from '../../components/Tabs'
import { selectShownDecision } from '../../../store/selectors'
import { DecisionMatrix } from './DecisionMatrix'
import { NodesPanel } from './NodesPanel'
import { PodPicker } from './PodPicker'
import { QueueView } from './QueueView'
import { WhyPending } from './WhyPending'
import { BriefDecision } from './BriefDecision'
import { useScaleDecision } from './use-scale-decision'
import './scheduler.css'

// How long the worker holds the newest decision it sends whole (NEWEST_HOLD_WALL_MS, worker/decision-headlines.ts).
const NEWEST_HOLD_S = 4

const TABS = [
  { id: 'decision', label: 'Decision' },
  { id: 'why', label: 'Why Pending?' },
  { id: 'queue', label: 'Queue' },
  { id: 'nodes', label: 'Nodes' },
]

/** kube-scheduler up close: its decisions, why a Pod is Pending, its queue, and the nodes. */
export function SchedulerView() {
  const [tab, setTab] = useState('decision')
  const decision = useAppState(selectShownDecision)
  // Scale mode's newest decision is replaced every few seconds: shown whole at once, and said so.
  const rolling = useAppState((s) => s.scaleRun !== undefined && s.decisionPod === undefined)
  const needsPod = tab === 'decision' || tab === 'why'
  useScaleDecision(needsPod)
  return (
    <section
      className="scheduler panel"
      aria-labelledby="scheduler-title"
      data-testid="scheduler-view"
    >
      <div className="panel-header">
        <h2 id="scheduler-title">Scheduler</h2>
        {needsPod && <PodPicker />}
      </div>
      <Tabs label="Scheduler views" tabs={TABS} selected={tab} onSelect={setTab}>
        {needsPod && !decision && (
          <p className="muted">
            Apply a Pod: the scheduler’s decision about it appears here, node by node and plugin by
            plugin.
          </p>
        )}
        {needsPod && decision?.brief && <BriefDecision decision={decision} />}
        {needsPod && rolling && decision && (
          <p className="muted" data-testid="decision-rolling">
            Hundreds of Pods are scheduled a second here: the newest decision is shown for{' '}
            {NEWEST_HOLD_S} s, then a newer one. Pick a Pod to keep its decision.
          </p>
        )}
        {tab === 'decision' && decision && !decision.brief && (
          <DecisionMatrix decision={decision} instant={rolling} />
        )}
        {tab === 'why' && decision && !decision.brief && <WhyPending decision={decision} />}
        {tab === 'queue' && <QueueView />}
        {tab === 'nodes' && <NodesPanel />}
      </Tabs>
    </section>
  )
}

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
        {tab === 'decision' && decision && !decision.brief && (
          <DecisionMatrix decision={decision} />
        )}
        {tab === 'why' && decision && !decision.brief && <WhyPending decision={decision} />}
        {tab === 'queue' && <QueueView />}
        {tab === 'nodes' && <NodesPanel />}
      </Tabs>
    </section>
  )
}

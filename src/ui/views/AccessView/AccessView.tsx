import { useState } from 'react'
import { useAppState } from '../../app/app-context'
import { Tabs } from '../../components/Tabs'
import { selectShownAuthDecision } from '../../../store/selectors'
import { CanIForm } from './CanIForm'
import { ContextSwitcher } from './ContextSwitcher'
import { DecisionDetail } from './DecisionDetail'
import { DecisionList } from './DecisionList'
import { KubeconfigPath } from './KubeconfigPath'
import './access.css'

const TABS = [
  { id: 'access-why', label: 'Why allowed or denied?' },
  { id: 'access-kubeconfig', label: 'How kubectl connects' },
]

/** Who you are to the API server, what it let you do, and why. */
export function AccessView() {
  const [tab, setTab] = useState('access-why')
  const decision = useAppState(selectShownAuthDecision)
  return (
    <section className="access panel" aria-labelledby="access-title" data-testid="access-view">
      <div className="panel-header">
        <h2 id="access-title">Access</h2>
        <ContextSwitcher />
      </div>
      <Tabs label="Access views" tabs={TABS} selected={tab} onSelect={setTab}>
        {tab === 'access-why' && (
          <div className="access-why">
            <CanIForm />
            <DecisionList shown={decision} />
            {decision && <DecisionDetail decision={decision} />}
          </div>
        )}
        {tab === 'access-kubeconfig' && <KubeconfigPath />}
      </Tabs>
    </section>
  )
}

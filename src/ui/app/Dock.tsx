import { Activity, type ReactNode } from 'react'
import { Tabs } from '../components/Tabs'
import { ApplyBar } from '../panels/ApplyBar'
import { useAppState, useServices } from './app-context'
import type { DockTab } from './dock-tabs'

interface DockProps {
  tabs: readonly DockTab[]
  /** Under the tabs: the apply control, unless the page has none (the presenter's window). */
  footer?: ReactNode
  /** Shown above the tabs (the cluster's alerts, in the one-screen layout). */
  header?: ReactNode
}

/**
 * The side column: every panel other than the map and the step list, one tab at a time, with
 * the apply control pinned under them. Hidden tabs keep their state (React Activity) but stop
 * rendering until shown again.
 */
export function Dock({ tabs, header, footer = <ApplyBar /> }: DockProps) {
  const { store } = useServices()
  const selected = useAppState((s) => s.dockTab)
  const current = tabs.some((t) => t.id === selected) ? selected : (tabs[0]?.id ?? '')
  return (
    <aside className="dock panel" aria-label="Panels" data-testid="dock">
      {header}
      <Tabs
        label="Panels"
        tabs={tabs.map(({ id, label }) => ({ id, label }))}
        selected={current}
        onSelect={(id) => {
          store.setState({ dockTab: id })
        }}
      >
        {tabs.map((tab) => (
          <Activity key={tab.id} mode={tab.id === current ? 'visible' : 'hidden'}>
            <div className="dock-panel" data-testid={`dock-panel-${tab.id}`}>
              {tab.render()}
            </div>
          </Activity>
        ))}
      </Tabs>
      {footer}
    </aside>
  )
}

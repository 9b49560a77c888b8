import type { ReactNode } from 'react'
import { ControllersPanel } from '../panels/controllers/ControllersPanel'
import { ComponentsPanel } from '../panels/ComponentsPanel'
import { EventLog } from '../panels/EventLog'
import { KubectlConsole } from '../panels/KubectlConsole'
import { ManifestEditor } from '../panels/ManifestEditor'
import { PodsTable } from '../panels/PodsTable'
import { RaftView } from '../views/RaftView/RaftView'
import { FailurePanel } from '../panels/FailurePanel/FailurePanel'
import { SchedulerView } from '../views/SchedulerView/SchedulerView'
import { RulesView } from '../views/RulesView/RulesView'
import { ServicesView } from '../views/ServicesView/ServicesView'
import { AccessView } from '../views/AccessView/AccessView'
import { SecretsView } from '../views/SecretsView/SecretsView'
import { LoadView } from '../views/LoadView/LoadView'

/** One panel of the side dock. Adding a panel to the app is adding one entry to DOCK_TABS. */
export interface DockTab {
  id: string
  label: string
  render: () => ReactNode
}

/** The dock's panels, in tab order; the first is selected at start. */
export const DOCK_TABS: readonly DockTab[] = [
  { id: 'manifest', label: 'Manifest', render: () => <ManifestEditor /> },
  { id: 'kubectl', label: 'kubectl', render: () => <KubectlConsole /> },
  { id: 'pods', label: 'Pods', render: () => <PodsTable /> },
  { id: 'events', label: 'Events', render: () => <EventLog /> },
  { id: 'controllers', label: 'Controllers', render: () => <ControllersPanel /> },
  { id: 'services', label: 'Services', render: () => <ServicesView /> },
  { id: 'rules', label: 'kube-proxy', render: () => <RulesView /> },
  { id: 'scheduler', label: 'Scheduler', render: () => <SchedulerView /> },
  { id: 'etcd', label: 'etcd', render: () => <RaftView /> },
  { id: 'access', label: 'Access', render: () => <AccessView /> },
  { id: 'secrets', label: 'Secrets', render: () => <SecretsView /> },
  { id: 'load', label: 'Load', render: () => <LoadView /> },
  { id: 'processes', label: 'Processes', render: () => <ComponentsPanel /> },
  { id: 'faults', label: 'Faults', render: () => <FailurePanel /> },
]

import type { FlowStep } from '../../sim/index'

/** The course's six steps of starting a Pod (course notes §4.1), and the colour of each. */
export const FLOW_STEPS: readonly {
  step: FlowStep
  /** A few words, for the compact step list. */
  short: string
  title: string
  color: string
}[] = [
  {
    step: 1,
    short: 'kubectl → API server',
    title: 'kubectl sends JSON to the API server',
    color: '#1d4ed8',
  },
  {
    step: 2,
    short: 'API server → etcd',
    title: 'The API server authenticates, validates and writes to etcd',
    color: '#7c3aed',
  },
  {
    step: 3,
    short: 'Scheduler picks a node',
    title: 'The scheduler sees an unbound Pod, picks a node and writes a Binding',
    color: '#b45309',
  },
  {
    step: 4,
    short: 'Kubelet sees its Pod',
    title: 'The kubelet on that node sees the Pod assigned to it',
    color: '#047857',
  },
  {
    step: 5,
    short: 'Runtime starts it',
    title: 'The kubelet tells the container runtime to pull, create and start the container',
    color: '#be185d',
  },
  {
    step: 6,
    short: 'Status → etcd',
    title: 'The kubelet reports the Pod status through the API server to etcd',
    color: '#0e7490',
  },
]

export const OTHER_MESSAGE_COLOR = '#64748b'

export function stepColor(step: FlowStep | undefined): string {
  return FLOW_STEPS.find((s) => s.step === step)?.color ?? OTHER_MESSAGE_COLOR
}

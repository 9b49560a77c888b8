import { useShallow } from 'zustand/react/shallow'
import type { ComponentRecord } from '../../../protocol/records'
import type { SimAction } from '../../../sim/index'
import { useAppState, useServices } from '../../app/app-context'

const CONTROL_PLANE = [
  'load-balancer',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
]

function StopStart({ component }: { component: ComponentRecord }) {
  const { dispatch } = useServices()
  const action: SimAction = component.running
    ? { type: 'stopComponent', id: component.id }
    : { type: 'startComponent', id: component.id }
  return (
    <button
      type="button"
      data-testid={`${component.running ? 'stop' : 'start'}-${component.id}`}
      onClick={() => {
        dispatch(action)
      }}
    >
      {component.running ? 'Stop' : 'Start'} {component.id}
    </button>
  )
}

/**
 * Break things and watch the controllers cope: stop or start a control-plane component (the
 * API server, a controller manager, a scheduler), a node's kubelet alone, or a whole node.
 */
export function PowerControls() {
  const { dispatch } = useServices()
  const components = useAppState(useShallow((s) => s.components))
  const controlPlane = components.filter((c) => CONTROL_PLANE.includes(c.kind))
  const kubelets = components.filter(
    (c) => c.kind === 'kubelet' && !c.host.startsWith('control-plane'),
  )
  return (
    <>
      <h3>Stop and start</h3>
      <div className="power-controls" role="group" aria-label="Control plane components">
        {controlPlane.map((c) => (
          <StopStart key={c.id} component={c} />
        ))}
      </div>
      <div className="power-controls" role="group" aria-label="Nodes">
        {kubelets.map((kubelet) => {
          const node = kubelet.host
          const off = components.filter((c) => c.host === node).every((c) => !c.running)
          return (
            <span key={node} className="node-power">
              <button
                type="button"
                data-testid={`${off ? 'power-on' : 'power-off'}-${node}`}
                onClick={() => {
                  dispatch(off ? { type: 'startNode', node } : { type: 'stopNode', node })
                }}
              >
                {off ? 'Power on' : 'Power off'} {node}
              </button>
              {!off && <StopStart component={kubelet} />}
            </span>
          )
        })}
      </div>
    </>
  )
}

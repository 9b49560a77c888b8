import { useShallow } from 'zustand/react/shallow'
import { useAppState, useServices } from '../../app/app-context'
import { selectDecisionPods } from '../../../store/selectors'

const LATEST = ''

/** Which Pod's decision to show: the newest decision by default, or one Pod's latest. */
export function PodPicker() {
  const { store } = useServices()
  const pods = useAppState(useShallow(selectDecisionPods))
  const picked = useAppState((s) => s.decisionPod)
  return (
    <label className="pod-picker">
      Pod{' '}
      <select
        value={picked ?? LATEST}
        onChange={(e) => {
          store.setState({ decisionPod: e.target.value === LATEST ? undefined : e.target.value })
        }}
        data-testid="pod-picker"
      >
        <option value={LATEST}>latest decision</option>
        {pods.map((pod) => (
          <option key={pod} value={pod}>
            {pod}
          </option>
        ))}
      </select>
    </label>
  )
}

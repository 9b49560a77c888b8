import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../../app/app-context'
import { describeCluster } from '../../viz/describe-cluster'

/** The map as text for screen readers: machines, their components' state, and the Pods. */
export function MapDescription() {
  const { components, podKeys, podsByKey, etcd } = useAppState(
    useShallow((s) => ({
      components: s.components,
      podKeys: s.podKeys,
      podsByKey: s.pods,
      etcd: s.etcd,
    })),
  )
  const pods = podKeys.flatMap((k) => (podsByKey[k] ? [podsByKey[k]] : []))
  const description = describeCluster(components, pods, etcd)
  return (
    <section
      className="visually-hidden"
      aria-label="The cluster map as text"
      data-testid="map-text"
    >
      <ul>
        {description.machines.map((m) => (
          <li key={m.name}>
            {m.name}: {m.components.join(', ')}
          </li>
        ))}
      </ul>
      <p>{description.pods.length === 0 ? 'No Pods.' : `Pods: ${description.pods.join('; ')}.`}</p>
    </section>
  )
}

import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../../app/app-context'
import { describeCluster } from '../../viz/describe-cluster'

/** The map as text for screen readers: machines, their components' state, and the Pods. */
export function MapDescription() {
  const { components, pods, etcd } = useAppState(
    useShallow((s) => ({
      components: s.components,
      pods: s.podKeys.flatMap((k) => (s.pods[k] ? [s.pods[k]] : [])),
      etcd: s.etcd,
    })),
  )
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

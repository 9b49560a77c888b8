/** Starter manifests for the editor. */
export const POD_TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests:
        cpu: 100m
        memory: 64Mi
`

export const REPLICASET_TEMPLATE = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
`

/** What the flow panel should follow after applying this manifest: its kind and name, if readable. */
export function manifestTarget(
  text: string,
): { kind: 'Pod' | 'ReplicaSet'; name: string; namespace: string } | undefined {
  const kind = /^kind:\s*(\w+)/m.exec(text)?.[1]
  const name = /^metadata:\s*\n(?:\s+.*\n)*?\s+name:\s*([\w.-]+)/m.exec(text)?.[1]
  const namespace =
    /^metadata:\s*\n(?:\s+.*\n)*?\s+namespace:\s*([\w.-]+)/m.exec(text)?.[1] ?? 'default'
  if ((kind === 'Pod' || kind === 'ReplicaSet') && name) return { kind, name, namespace }
  return undefined
}

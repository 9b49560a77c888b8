/** Starter manifests for the editor. */
import { NGINX_DEPLOYMENT_YAML } from '../../sim/model/docs-examples'
import { WORKLOAD_TEMPLATES } from './workload-templates'

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

/** A Pod asking for more CPU than any default node has (4 cpu): it stays Pending. */
export const BIG_CPU_POD_TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: big
    image: nginx:1.27
    resources:
      requests:
        cpu: "6"
        memory: 256Mi
`

/** A Pod that tolerates the dedicated=gpu:NoSchedule taint (try tainting a node first). */
export const TOLERATING_POD_TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: gpu-job
spec:
  tolerations:
  - key: dedicated
    operator: Equal
    value: gpu
    effect: NoSchedule
  containers:
  - name: job
    image: nginx:1.27
    resources:
      requests:
        cpu: 100m
        memory: 64Mi
`

/** A Pod that only fits nodes labeled disk=ssd (kubectl label nodes node-1 disk=ssd). */
export const NODE_SELECTOR_POD_TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: fast-disk
spec:
  nodeSelector:
    disk: ssd
  containers:
  - name: db
    image: nginx:1.27
    resources:
      requests:
        cpu: 100m
        memory: 64Mi
`

/**
 * A PriorityClass and a Pod using it: on a full node, the scheduler's preemption evicts
 * lower-priority Pods to make room (apply the "too big" Pod with cpu 3 first to fill a node).
 */
export const PRIORITY_POD_TEMPLATE = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high-priority
value: 1000
description: May preempt Pods of the default priority 0.
---
apiVersion: v1
kind: Pod
metadata:
  name: vip
spec:
  priorityClassName: high-priority
  containers:
  - name: vip
    image: nginx:1.27
    resources:
      requests:
        cpu: "3"
        memory: 64Mi
`

/** kubernetes.io's nginx-deployment.yaml (the Deployment every tutorial starts with). */
export const DEPLOYMENT_TEMPLATE = NGINX_DEPLOYMENT_YAML

/** The editor's template menu, in the order it lists them. */
export const TEMPLATES: readonly { id: string; label: string; text: string }[] = [
  { id: 'pod', label: 'Pod', text: POD_TEMPLATE },
  { id: 'replicaset', label: 'ReplicaSet ×3', text: REPLICASET_TEMPLATE },
  { id: 'deployment', label: 'Deployment ×3 (nginx-deployment)', text: DEPLOYMENT_TEMPLATE },
  { id: 'big-cpu', label: 'Pod too big for any node (6 cpu)', text: BIG_CPU_POD_TEMPLATE },
  { id: 'tolerating', label: 'Pod tolerating dedicated=gpu', text: TOLERATING_POD_TEMPLATE },
  {
    id: 'node-selector',
    label: 'Pod with nodeSelector disk=ssd',
    text: NODE_SELECTOR_POD_TEMPLATE,
  },
  { id: 'priority', label: 'PriorityClass + high-priority Pod', text: PRIORITY_POD_TEMPLATE },
  ...WORKLOAD_TEMPLATES,
]

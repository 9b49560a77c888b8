/** Editor templates for containers that fail, probes, and Services. */

/** A container that starts, writes, and exits 1 after 5 s: restarts, then CrashLoopBackOff. */
export const CRASHING_POD_TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo starting up; sleep 5; echo 'fatal: cannot reach database db:5432' >&2; exit 1"]
`

/** An image tag that does not exist: ErrImagePull, then ImagePullBackOff. */
export const BAD_IMAGE_POD_TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: web
    image: nginx:1.27-doesnotexist
`

/** kubernetes.io's liveness exec example: healthy for 30 s, then killed and restarted. */
export const LIVENESS_POD_TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
  labels:
    test: liveness
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
`

/** A web Pod whose readiness probe fails (nginx answers 404 on /healthz): never an endpoint. */
export const UNREADY_POD_TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: web-unready
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    readinessProbe:
      httpGet:
        path: /healthz
        port: 80
`

/** A Service in front of the ReplicaSet template's Pods (app: web), and a client Pod to call it. */
export const SERVICE_TEMPLATE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: client
    image: busybox:1.36
    command: ["sleep", "infinity"]
`

export const WORKLOAD_TEMPLATES: readonly { id: string; label: string; text: string }[] = [
  { id: 'crash', label: 'Pod that crashes after 5 s (exit 1)', text: CRASHING_POD_TEMPLATE },
  { id: 'bad-image', label: 'Pod with an image that does not exist', text: BAD_IMAGE_POD_TEMPLATE },
  { id: 'liveness', label: 'Liveness probe (kubernetes.io example)', text: LIVENESS_POD_TEMPLATE },
  { id: 'unready', label: 'web Pod failing its readiness probe', text: UNREADY_POD_TEMPLATE },
  { id: 'service', label: 'Service web + client Pod', text: SERVICE_TEMPLATE },
]

// The manifest the worker tests apply: the smallest Pod kubectl would accept, as a student types
// it. One copy, so that every test means the same Pod by "web".

/** A one-container nginx Pod; `cpu` adds a request so the scheduler has something to fit. */
export function podManifest(name = 'web', cpu?: string): string {
  const requests =
    cpu === undefined ? '' : `    resources:\n      requests:\n        cpu: "${cpu}"\n`
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: web
    image: nginx:1.27
${requests}`
}

// Manifests as kubernetes.io's docs serve them: the app's editor offers them and the tests apply
// them, so both use the same text.

/** https://kubernetes.io/examples/controllers/nginx-deployment.yaml, as the docs serve it. */
export const NGINX_DEPLOYMENT_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`

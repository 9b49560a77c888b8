import { bench, describe } from 'vitest'
import { decodeProtobufBody } from './decode-body'
import { encodeObject } from './encode'
import { loadSchema } from './schema'

// What protobuf costs the served API server: building the schema (once, on the first protobuf
// body) and decoding or encoding one object.

const DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }],
            resources: { requests: { cpu: '100m', memory: '64Mi' } },
            readinessProbe: { httpGet: { path: '/', port: 80 } },
          },
        ],
      },
    },
  },
}
const BYTES = encodeObject(DEPLOYMENT) ?? new Uint8Array()
const TARGET = { group: 'apps', version: 'v1', kind: 'Deployment' }

describe('protobuf codec', () => {
  bench('load the schema (k8s-protobuf.generated.json)', () => {
    loadSchema()
  })
  bench('decode a Deployment body to JSON', () => {
    decodeProtobufBody(BYTES, TARGET, 'POST')
  })
  bench('encode a Deployment', () => {
    encodeObject(DEPLOYMENT)
  })
})

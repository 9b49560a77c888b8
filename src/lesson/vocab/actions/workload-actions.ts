import { z } from 'zod'
import { count, strict } from '../../format/zod-helpers'
import { defineAction } from './kind'

const trafficParams = strict({
  /** The client Pod (in `default`, or namespace/name). */
  from: z.string().min(1),
  /** The Service (in `default`, or namespace/name). */
  service: z.string().min(1),
  count: count.refine((n) => n >= 1 && n <= 1000, { error: 'between 1 and 1000 requests' }),
})
type Traffic = z.infer<typeof trafficParams>

const qualified = (name: string) => (name.includes('/') ? name : `default/${name}`)

/**
 * `sendTraffic: { from: client, service: web, count: 30 }`: the client Pod sends requests to the
 * Service, as the Services tab's Send button does (curl to the ClusterIP, one after another).
 */
export const sendTraffic = defineAction<Traffic>({
  key: 'sendTraffic',
  help: 'a client Pod sends N HTTP requests to a Service (the Services tab’s Send)',
  params: trafficParams,
  describe: (p) => `send ${p.count} requests from ${p.from} to Service ${p.service}`,
  resolve: (p, _facts, ids) => ({
    actions: [
      {
        type: 'sendTraffic',
        runId: ids(),
        from: qualified(p.from),
        service: qualified(p.service),
        count: p.count,
      },
    ],
  }),
})

/** `proxyMode: ipvs`: kube-proxy's mode on every node (the Services tab's switch). */
export const proxyMode = defineAction<'iptables' | 'ipvs'>({
  key: 'proxyMode',
  help: 'switch kube-proxy to iptables or ipvs mode on every node',
  params: z.enum(['iptables', 'ipvs'], { error: 'expected iptables or ipvs' }),
  describe: (mode) => `switch kube-proxy to ${mode} mode`,
  resolve: (mode) => ({ actions: [{ type: 'setKubeProxyMode', mode }] }),
})

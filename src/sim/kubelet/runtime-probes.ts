/**
 * What a probe or a client finds when it reaches a container: the kubelet's HTTP and TCP
 * probes connect to the Pod IP from the node, exec probes run a command inside the container
 * (CRI ExecSync), and Service traffic arrives from other Pods. Servers that keep an access
 * log (nginx, httpd) write a line per request, as they really do.
 * Probe output texts: pkg/probe/http/http.go, pkg/probe/tcp/tcp.go (v1.32).
 */
import type { CriCall } from '../runtime/messages'
import type { PodRequest, PodResponse } from '../runtime/workload-messages'
import { connect, type ConnectResult } from './programs/servers'
import { fileExists, type ServerBehaviour } from './programs/timeline'
import { nginxAccessTime } from './programs/wall-time'
import {
  appendLine,
  hostnameOf,
  programOf,
  type ContainerRecord,
  type ContainerRuntimeState,
} from './runtime-state'

type ProbeCall = Extract<CriCall, { call: 'Probe' }>

// The user agent kubelet probes send: "kube-probe/<major>.<minor>" (pkg/probe/http/request.go, v1.32).
const PROBE_USER_AGENT = 'kube-probe/1.32'
const CLIENT_USER_AGENT = 'curl/8.11.1'

/** The access-log line a server writes for one request (nginx's and httpd's default formats). */
function accessLog(
  server: ServerBehaviour | undefined,
  from: string,
  path: string,
  result: ConnectResult,
  atMs: number,
  agent: string,
): string | undefined {
  if (result.kind !== 'http') return undefined
  const request = `"GET ${path} HTTP/1.1" ${result.status} ${result.bytes}`
  if (server?.kind === 'nginx')
    return `${from} - - [${nginxAccessTime(atMs)}] ${request} "-" "${agent}" "-"`
  if (server?.kind === 'httpd') return `${from} - - [${nginxAccessTime(atMs)}] ${request}`
  return undefined
}

/** The process in a container answers a connection; the access log records it. */
function answer(
  state: ContainerRuntimeState,
  record: ContainerRecord,
  port: number,
  path: string,
  from: string,
  atMs: number,
  agent: string,
): ConnectResult {
  const program = programOf(state, record)
  const result = connect(
    program.server,
    port,
    path,
    atMs - (record.startedAtMs ?? atMs),
    hostnameOf(state, record.podUid) ?? '',
  )
  const line = accessLog(program.server, from, path, result, atMs, agent)
  if (line !== undefined) appendLine(record, { atMs, stream: 'stdout', text: line })
  return result
}

/** exec probes: the checks people write (`cat`, `test -f`, `ls`) against the container's files. */
function execProbe(
  state: ContainerRuntimeState,
  record: ContainerRecord,
  argv: string[],
  atMs: number,
) {
  const shell = argv[0] === 'sh' || argv[0] === '/bin/sh' ? (argv[2] ?? '').split(/\s+/) : argv
  const [cmd = '', ...args] = shell
  const path = args.filter((a) => !a.startsWith('-') && a !== '[' && a !== ']').pop() ?? ''
  const files = programOf(state, record).run(atMs - (record.startedAtMs ?? atMs)).files
  const exists = fileExists(files, path, atMs - (record.startedAtMs ?? atMs))
  switch (cmd.split('/').pop()) {
    case 'cat':
      return exists
        ? { success: true, output: '' }
        : { success: false, output: `cat: can't open '${path}': No such file or directory` }
    case 'ls':
      return exists
        ? { success: true, output: `${path}\n` }
        : { success: false, output: `ls: ${path}: No such file or directory` }
    case 'test':
    case '[':
      return { success: exists, output: '' }
    case 'false':
      return { success: false, output: '' }
    default:
      return { success: true, output: '' }
  }
}

/** Runs one probe against a running container; the output is what the kubelet reports. */
export function runProbe(
  state: ContainerRuntimeState,
  call: ProbeCall,
  nowMs: number,
): { success: boolean; output: string } {
  const record = state.containers[call.containerId]
  if (record?.state !== 'running') return { success: false, output: 'container not running' }
  const ip = state.sandboxes[record.podUid]?.ip ?? ''
  const from = `10.244.${state.podCidrOctet}.1`
  const probe = call.probe
  switch (probe.kind) {
    case 'exec':
      return execProbe(state, record, probe.command, nowMs)
    case 'tcp': {
      const result = connect(programOf(state, record).server, probe.port, '', 0, '')
      return result.kind === 'refused'
        ? { success: false, output: `dial tcp ${ip}:${probe.port}: connect: connection refused` }
        : { success: true, output: '' }
    }
    case 'http': {
      const url = `${probe.scheme.toLowerCase()}://${probe.host ?? ip}:${probe.port}${probe.path}`
      const result = answer(state, record, probe.port, probe.path, from, nowMs, PROBE_USER_AGENT)
      if (result.kind === 'refused')
        return {
          success: false,
          output: `Get "${url}": dial tcp ${ip}:${probe.port}: connect: connection refused`,
        }
      if (result.kind === 'tcp') return { success: false, output: `Get "${url}": EOF` }
      if (result.status >= 200 && result.status < 400) return { success: true, output: '' }
      return { success: false, output: `HTTP probe failed with statuscode: ${result.status}` }
    }
  }
}

/** A request from another Pod reached this node: the container at that IP answers, if any. */
export function answerPodRequest(
  state: ContainerRuntimeState,
  request: PodRequest,
  nowMs: number,
): Omit<PodResponse, 'type' | 'requestId'> | undefined {
  const podUid = Object.entries(state.sandboxes).find(([, s]) => s.ip === request.toIp)?.[0]
  // No Pod has this IP on this node any more: the packet goes nowhere (the client times out).
  if (podUid === undefined) return undefined
  for (const record of Object.values(state.containers)) {
    if (record.podUid !== podUid || record.state !== 'running') continue
    const result = answer(
      state,
      record,
      request.port,
      request.path,
      request.fromIp,
      nowMs,
      CLIENT_USER_AGENT,
    )
    if (result.kind === 'refused') continue
    const pod = hostnameOf(state, record.podUid) ?? ''
    if (result.kind === 'tcp') return { outcome: 'reset', pod }
    return { outcome: 'ok', status: result.status, body: result.body, pod }
  }
  return { outcome: 'refused' }
}

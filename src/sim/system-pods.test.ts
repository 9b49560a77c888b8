import { describe, expect, it } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1'
import { createSimulation } from './simulation'
import { BOOT_MS, makeDeploymentManifest, podsOf, runningPods } from './testing/manifests'

const names = (output: string) =>
  output
    .split('\n')
    .slice(1)
    .map((line) => line.split(/\s+/)[1] ?? '')

describe('kubeadm system Pods (systemPods: true)', () => {
  const sim = createSimulation({ seed: 1, systemPods: true })
  sim.advance(BOOT_MS + 20_000)

  it('get pods -A lists the static control plane, kube-proxy per node and CoreDNS, all Running', () => {
    const output = sim.kubectl('get pods -A').output
    const listed = names(output)
    for (const name of [
      'etcd-control-plane',
      'kube-apiserver-control-plane',
      'kube-controller-manager-control-plane',
      'kube-scheduler-control-plane',
    ])
      expect(listed).toContain(name)
    expect(listed.filter((n) => /^kube-proxy-[a-z0-9]{5}$/.test(n))).toHaveLength(4)
    expect(listed.filter((n) => /^coredns-[a-z0-9]+-[a-z0-9]{5}$/.test(n))).toHaveLength(2)
    for (const line of output.split('\n').slice(1)) expect(line).toMatch(/\s1\/1\s+Running\s+0\s/)
  })

  it('the control plane Pods are mirror Pods of the node, on the host network', () => {
    const mirror = podsOf(sim).find(
      (p) => p.metadata?.name === 'kube-apiserver-control-plane',
    ) as Pod
    expect(mirror.metadata?.annotations?.['kubernetes.io/config.mirror']).toBeDefined()
    expect(mirror.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'Node',
      name: 'control-plane',
    })
    expect(mirror.spec).toMatchObject({
      nodeName: 'control-plane',
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
    })
    expect(mirror.status?.podIP).toBe('10.0.0.2')
    expect(sim.kubectl('get nodes').output).toMatch(/control-plane\s+Ready\s+control-plane\s/)
  })

  it('kube-proxy is a DaemonSet with one Pod per node; CoreDNS a Deployment of 2', () => {
    expect(sim.kubectl('get daemonset -n kube-system').output).toMatch(
      /^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\nkube-proxy\s+4\s+4\s+4\s+4\s+4\s+kubernetes.io\/os=linux\s+\d+s$/,
    )
    expect(sim.kubectl('get deployment -n kube-system').output).toMatch(/coredns\s+2\/2\s+2\s+2\s/)
    const proxies = podsOf(sim).filter((p) => p.metadata?.name?.startsWith('kube-proxy-'))
    expect(new Set(proxies.map((p) => p.spec?.nodeName)).size).toBe(4)
  })

  it('stopping kube-scheduler takes its static Pod away; starting it brings it back', () => {
    sim.dispatch({ type: 'stopComponent', id: 'kube-scheduler' })
    sim.advance(5_000)
    expect(names(sim.kubectl('get pods -n kube-system').output)).not.toContain(
      'kube-scheduler-control-plane',
    )
    sim.dispatch({ type: 'startComponent', id: 'kube-scheduler' })
    sim.advance(5_000)
    expect(sim.kubectl('get pod kube-scheduler-control-plane -n kube-system').output).toMatch(
      /1\/1\s+Running/,
    )
  })

  it('get leases -n kube-node-lease: one per node, held by the node', () => {
    expect(sim.kubectl('get leases -n kube-node-lease').output).toMatch(
      /^NAME\s+HOLDER\s+AGE\ncontrol-plane\s+control-plane\s+\d+s\nnode-1\s+node-1\s+\d+s\nnode-2\s+node-2\s+\d+s\nnode-3\s+node-3\s+\d+s$/,
    )
  })

  it('with three control planes, each runs its own static Pods', () => {
    const ha = createSimulation({ seed: 2, systemPods: true, controlPlanes: 3 })
    ha.advance(BOOT_MS + 20_000)
    const listed = names(ha.kubectl('get pods -A').output)
    for (const plane of ['control-plane', 'control-plane-2', 'control-plane-3'])
      for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'])
        expect(listed).toContain(`${c}-${plane}`)
    expect(listed.filter((n) => n.startsWith('kube-proxy-'))).toHaveLength(6)
  })
})

describe('kubectl drain (v1.32 texts)', () => {
  const sim = createSimulation({ seed: 3, systemPods: true })
  sim.advance(BOOT_MS)
  sim.kubectl('apply -f -', makeDeploymentManifest('web', 4))
  sim.kubectl('run loner --image=nginx:1.27')
  sim.runUntil(
    (s) => runningPods(s).filter((p) => p.metadata?.namespace === 'default').length === 5,
    60_000,
  )
  const loner = runningPods(sim).find((p) => p.metadata?.name === 'loner')?.spec?.nodeName ?? ''
  const onNode = () => runningPods(sim).filter((p) => p.spec?.nodeName === loner)

  it('refuses DaemonSet-managed and unmanaged Pods without flags, after cordoning', () => {
    const proxy = onNode().find((p) => p.metadata?.name?.startsWith('kube-proxy-'))?.metadata?.name
    const result = sim.kubectl(`drain ${loner}`)
    expect(result.exitCode).toBe(1)
    // Checked against the real kubectl v1.32 (the doubled "cannot delete" is upstream's).
    const unmanaged =
      'cannot delete cannot delete Pods that declare no controller (use --force to override): default/loner'
    const daemonSet = `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxy ?? ''}`
    expect(result.output).toBe(
      `node/${loner} cordoned\nerror: unable to drain node "${loner}" due to error: [${unmanaged}, ${daemonSet}], continuing command...\nThere are pending nodes to be drained:\n ${loner}\n${unmanaged}\n${daemonSet}`,
    )
    expect(sim.kubectl('get nodes').output).toMatch(
      new RegExp(`${loner}\\s+Ready,SchedulingDisabled\\s`),
    )
  })

  it('with --ignore-daemonsets --force evicts the rest, waits for them, and says drained', () => {
    const evictable = onNode()
      .filter((p) => !p.metadata?.name?.startsWith('kube-proxy-'))
      .map((p) => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`)
      .sort()
    const result = sim.kubectl(`drain ${loner} --ignore-daemonsets --force`)
    expect(result.exitCode).toBe(0)
    const lines = result.output.split('\n')
    expect(lines[0]).toBe(`node/${loner} already cordoned`)
    expect(lines[1]).toMatch(
      /^Warning: deleting Pods that declare no controller: default\/loner; ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-[a-z0-9]{5}$/,
    )
    expect(lines.filter((l) => l.startsWith('evicting pod ')).map((l) => l.slice(13))).toEqual(
      evictable,
    )
    expect(lines.filter((l) => l.endsWith(' evicted'))).toHaveLength(evictable.length)
    expect(lines.at(-1)).toBe(`node/${loner} drained`)
    expect(onNode().map((p) => p.metadata?.name?.replace(/-[a-z0-9]{5}$/, ''))).toEqual([
      'kube-proxy',
    ])
    expect(
      sim.runUntil(
        (s) => runningPods(s).filter((p) => p.metadata?.labels?.['app'] === 'web').length === 4,
        60_000,
      ),
    ).toBe(true)
  })
})

/**
 * The binding cycle's plugin part: PreBind, then Bind plugins until one does not Skip. The actor
 * performs the API call (pods/<name>/binding) that DefaultBinder stands for, then confirms or
 * forgets the assumed pod.
 * Source: bindingCycle / bind / finishBinding, pkg/scheduler/schedule_one.go and RunPreBindPlugins /
 * RunBindPlugins, pkg/scheduler/framework/runtime/framework.go (v1.32)
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { createRng } from '../core/rng'
import { snapshotOf, type SchedulerCache } from './cache'
import { pluginStatusRecord, type PluginStatusRecord } from './cycle-record'
import { newCycleState, type CycleState } from './framework/cycle-state'
import { podNamespacedName } from './framework/node-info'
import { defaultProfile, type Profile } from './framework/profile'
import { newFramework } from './framework/runtime'
import {
  Code,
  isSuccess,
  newStatus,
  toStatusRecord,
  withPlugin,
  type Status,
  type StatusRecord,
} from './framework/status'

export interface BindingCycleRecord {
  preBind: PluginStatusRecord[]
  bind: PluginStatusRecord[]
  status: StatusRecord
  /** The plugin that bound the pod, when one did. */
  boundBy?: string
  /** The Normal "Scheduled" event message on success (finishBinding). */
  scheduledMessage?: string
}

/** "Successfully assigned <ns>/<pod> to <node>" (finishBinding, schedule_one.go v1.32). */
export function scheduledEventMessage(pod: Pod, nodeName: string): string {
  return `Successfully assigned ${podNamespacedName(pod)} to ${nodeName}`
}

/** Runs PreBind and Bind for an assumed pod; pure apart from what the plugins decide. */
export function runBindingCycle(input: {
  pod: Pod
  nodeName: string
  cache: SchedulerCache
  profile?: Profile
  state?: CycleState
}): BindingCycleRecord {
  const fw = newFramework(input.profile ?? defaultProfile(), snapshotOf(input.cache), createRng(0))
  const state = input.state ?? newCycleState()
  const rec: BindingCycleRecord = {
    preBind: [],
    bind: [],
    status: toStatusRecord(newStatus(Code.Success)),
  }
  const fail = (s: Status): BindingCycleRecord => ({ ...rec, status: toStatusRecord(s) })
  for (const p of fw.preBind) {
    const s = p.preBind(state, input.pod, input.nodeName, fw.handle)
    rec.preBind.push(pluginStatusRecord(p.name, s))
    if (!isSuccess(s)) return fail(withPlugin(s, p.name))
  }
  for (const p of fw.bind) {
    const s = p.bind(state, input.pod, input.nodeName, fw.handle)
    rec.bind.push(pluginStatusRecord(p.name, s))
    if (s.code === Code.Skip) continue
    if (!isSuccess(s)) return fail(withPlugin(s, p.name))
    return {
      ...rec,
      boundBy: p.name,
      scheduledMessage: scheduledEventMessage(input.pod, input.nodeName),
    }
  }
  // Every bind plugin skipped (or none is configured): RunBindPlugins returns Skip.
  return fail(newStatus(Code.Skip))
}

/**
 * The end of a scheduling cycle: PostFilter and the FailedScheduling message on failure;
 * scoring, host selection, Reserve and Permit on success.
 * Source: schedulingCycle, schedulePod, prioritizeNodes, pkg/scheduler/schedule_one.go (v1.32)
 */
import type { CycleContext } from './cycle'
import { pluginStatusRecord, type SchedulingCycleRecord } from './cycle-record'
import type { NodeInfo } from './framework/node-info'
import { podKey, podNamespacedName } from './framework/node-info'
import {
  runPostFilterPlugins,
  runPreScorePlugins,
  runScorePlugins,
} from './framework/runtime-score'
import { isSuccess, toStatusRecord, Code } from './framework/status'
import { fitErrorMessage, truncateEventMessage } from './fit-error'
import { selectHostOf } from './select-host'

/** FitError path: run PostFilter (preemption), then build the message with its outcome. */
export function finishFailure(ctx: CycleContext, numAllNodes: number): SchedulingCycleRecord {
  const { fw, state, pod, rec, diagnosis } = ctx
  if (fw.postFilter.length > 0) {
    const out = runPostFilterPlugins(fw, state, pod, diagnosis.nodeToStatus)
    diagnosis.postFilterMsg = out.status.reasons.join(', ')
    rec.postFilter = {
      status: toStatusRecord(out.status),
      victims: (out.result?.victims ?? []).map(podNamespacedName),
      victimKeys: (out.result?.victims ?? []).map(podKey),
      details: out.records,
    }
    if (out.result?.nominatedNodeName)
      rec.postFilter.nominatedNodeName = out.result.nominatedNodeName
  }
  const message = fitErrorMessage(numAllNodes, diagnosis)
  rec.failure = {
    reason: 'Unschedulable',
    message,
    eventMessage: truncateEventMessage(message),
    unschedulablePlugins: [...diagnosis.unschedulablePlugins],
    pendingPlugins: [...diagnosis.pendingPlugins],
  }
  return rec
}

function schedulerError(rec: SchedulingCycleRecord, message: string): SchedulingCycleRecord {
  rec.failure = {
    reason: 'SchedulerError',
    message,
    eventMessage: truncateEventMessage(message),
    unschedulablePlugins: [],
    pendingPlugins: [],
  }
  return rec
}

/** prioritizeNodes + selectHost, then Reserve and Permit. */
export function finishSuccess(
  ctx: CycleContext,
  feasible: readonly NodeInfo[],
): SchedulingCycleRecord {
  const { fw, state, pod, rec } = ctx
  let selected: string
  if (feasible.length === 1) {
    // One feasible node: no scoring at all (schedulePod, v1.32).
    selected = (feasible[0] as NodeInfo).name
    rec.scoringSkipped = 'single-feasible-node'
  } else {
    let totals: number[]
    if (fw.score.length === 0) {
      // No score plugins: every node scores 1 (prioritizeNodes, v1.32).
      rec.scoringSkipped = 'no-score-plugins'
      totals = feasible.map(() => 1)
    } else {
      const pre = runPreScorePlugins(fw, state, pod, feasible)
      rec.preScore = pre.perPlugin.map((p) => pluginStatusRecord(p.plugin, p.status))
      if (!isSuccess(pre.status)) return schedulerError(rec, pre.status.reasons.join(', '))
      const sc = runScorePlugins(fw, state, pod, feasible)
      rec.scoreTable = sc.table
      rec.scorePlugins = sc.ranPlugins
      if (!isSuccess(sc.status)) return schedulerError(rec, sc.status.reasons.join(', '))
      totals = sc.table.totals
    }
    const selection = selectHostOf(rec.feasibleNodes, totals, fw.handle.rng)
    if (!selection) return schedulerError(rec, 'empty priorityList')
    rec.selection = selection
    selected = selection.selected
  }
  for (const p of fw.reserve) {
    const s = p.reserve(state, pod, selected, fw.handle)
    rec.reserve.push(pluginStatusRecord(p.name, s))
    if (!isSuccess(s)) return schedulerError(rec, s.reasons.join(', '))
  }
  for (const p of fw.permit) {
    const { status } = p.permit(state, pod, selected, fw.handle)
    rec.permit.push(pluginStatusRecord(p.name, status))
    if (!isSuccess(status) && status.code !== Code.Wait)
      return schedulerError(rec, status.reasons.join(', '))
  }
  rec.selectedNode = selected
  return rec
}

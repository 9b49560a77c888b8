/** Where each kubectl command's API answers go, by the purpose its request was sent with. */
import { findResource, type ResourceInfo } from '../apiserver/resources'
import type { ActorContext } from '../runtime/actor'
import { collectPage } from './get-pages'
import { nextDocument, onApplyGet, onApplyWrite } from './apply'
import { finish, onDeleteResponse, onGetResponse, print, startDeleteByName } from './commands'
import { onDescribeEvents, onDescribePod } from './describe'
import { onEditGet, onEditPatch } from './node-commands'
import { resourceName } from './output'
import { onLogsPod, onLogsResponse } from './logs'
import { onExposeCreate, onExposeGet } from './expose'
import {
  onDescribeServiceEndpoints,
  onDescribeServiceEvents,
  onDescribeServiceObject,
} from './describe-service'
import type { KubectlCommand, KubectlState } from './state'
import { onWorkloadResponse } from './workload-dispatch'
import { onExecResponse } from './exec-command'
import { onAuthResponse } from './auth-commands'
import { onCreateObjectResponse, onCreateTokenResponse } from './create-commands'

function advanceDocuments(ctx: ActorContext, state: KubectlState, cmd: KubectlCommand): void {
  cmd.docIndex++
  if (!nextDocument(ctx, state, cmd)) finish(ctx, state, cmd)
}

interface ResponseData {
  cmd: string
  kind?: string
  resource?: string
  group?: string
  name?: string
  named?: boolean
  created?: boolean
  serverSide?: boolean
  replaced?: boolean
  message?: string
}

export function onResponse(
  ctx: ActorContext,
  state: KubectlState,
  purpose: string,
  raw: unknown,
  code: number,
  body: unknown,
  streaming = false,
): void {
  const data: ResponseData = typeof raw === 'string' ? { cmd: raw } : (raw as ResponseData)
  const cmd = state.commands[data.cmd]
  if (!cmd) return
  const info = findResource(data.group ?? '', data.resource ?? '') as ResourceInfo
  switch (purpose) {
    case 'get': {
      const whole = code === 200 ? collectPage(ctx, state, cmd, body, data) : body
      if (whole === undefined) return
      onGetResponse(cmd, info, data.named === true, code, whole, data.name)
      return finish(ctx, state, cmd)
    }
    case 'delete':
      onDeleteResponse(cmd, info, data.name ?? '', code, body)
      cmd.positional.shift()
      if (cmd.positional.length > 0 && startDeleteByName(ctx, state, cmd)) return
      return finish(ctx, state, cmd)
    case 'scale':
      if (code === 200) print(cmd, `${resourceName(info, data.name ?? '')} scaled`)
      else onDeleteResponse(cmd, info, data.name ?? '', code, body)
      return finish(ctx, state, cmd)
    case 'describe-pod':
      if (!onDescribePod(ctx, state, cmd, code, body)) finish(ctx, state, cmd)
      return
    case 'describe-events':
      onDescribeEvents(ctx, cmd, code, body)
      return finish(ctx, state, cmd)
    case 'edit-get':
      if (!onEditGet(ctx, state, cmd, code, body)) finish(ctx, state, cmd)
      return
    case 'edit-patch':
      if (!onEditPatch(ctx, state, cmd, code, body, data.message ?? '')) finish(ctx, state, cmd)
      return
    case 'apply-get':
      if (!onApplyGet(ctx, state, cmd, code, body)) advanceDocuments(ctx, state, cmd)
      return
    case 'apply-write':
      onApplyWrite(
        cmd,
        data.created === true,
        code,
        body,
        data.replaced === true,
        data.serverSide === true,
      )
      return advanceDocuments(ctx, state, cmd)
    case 'create-object':
      onCreateObjectResponse(cmd, info, code, body)
      return finish(ctx, state, cmd)
    case 'exec':
      onExecResponse(cmd, code, body)
      return finish(ctx, state, cmd)
    case 'create-token':
      onCreateTokenResponse(cmd, code, body)
      return finish(ctx, state, cmd)
    case 'auth-can-i':
    case 'auth-can-i-list':
    case 'auth-whoami':
      onAuthResponse(cmd, purpose, code, body)
      return finish(ctx, state, cmd)
    default:
      if (onServiceOrLogResponse(ctx, state, cmd, purpose, data, code, body, streaming)) return
      if (onWorkloadResponse(ctx, state, cmd, purpose, code, body) === false)
        finish(ctx, state, cmd)
      return
  }
}

/** expose, describe service and logs: the commands of the Services and kubelet lessons. */
function onServiceOrLogResponse(
  ctx: ActorContext,
  state: KubectlState,
  cmd: KubectlCommand,
  purpose: string,
  data: ResponseData,
  code: number,
  body: unknown,
  streaming: boolean,
): boolean {
  switch (purpose) {
    case 'expose-get':
      if (!onExposeGet(ctx, state, cmd, data.kind ?? '', code, body)) finish(ctx, state, cmd)
      return true
    case 'expose-create':
      onExposeCreate(cmd, data.name ?? '', code, body)
      finish(ctx, state, cmd)
      return true
    case 'describe-svc':
      if (!onDescribeServiceObject(ctx, state, cmd, code, body)) finish(ctx, state, cmd)
      return true
    case 'describe-svc-endpoints':
      if (!onDescribeServiceEndpoints(ctx, state, cmd, code, body)) finish(ctx, state, cmd)
      return true
    case 'describe-svc-events':
      onDescribeServiceEvents(ctx, cmd, code, body)
      finish(ctx, state, cmd)
      return true
    case 'logs-pod':
      if (!onLogsPod(ctx, state, cmd, code, body)) finish(ctx, state, cmd)
      return true
    case 'logs':
      if (!onLogsResponse(ctx, cmd, code, body, streaming)) finish(ctx, state, cmd)
      return true
    default:
      return false
  }
}

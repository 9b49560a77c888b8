import type { Credential } from '../apiserver/authn/credentials'
import type { ActorContext } from '../runtime/actor'
import { callApi, type ApiClientState } from '../runtime/api-client'

/**
 * kube-controller-manager runs with --use-service-account-credentials (kubeadm's default): its
 * shared informers list and watch as system:kube-controller-manager, but each controller writes
 * as its own ServiceAccount in kube-system (system:serviceaccount:kube-system:<controller>),
 * bound to system:controller:<controller>. At start it creates each ServiceAccount if missing and
 * asks for a token with the TokenRequest API, renewing it before it expires.
 * Source: pkg/controller/client_builder_dynamic.go DynamicControllerClientBuilder and
 * cmd/kube-controller-manager/app/controllermanager.go (v1.32)
 */
export interface ControllerIdentities {
  /** The controller's bearer token, once issued. */
  tokens: Record<string, string>
}

// The token lifetime the dynamic client builder asks for (1 h), renewed at 80 % of it.
// Source: pkg/controller/client_builder_dynamic.go defaultExpirationSeconds, renewal at 0.8 (v1.32)
const TOKEN_SECONDS = 3600
const RENEW_AFTER_MS = TOKEN_SECONDS * 1000 * 0.8
const RETRY_MS = 1_000

export function createControllerIdentities(): ControllerIdentities {
  return { tokens: {} }
}

const saPath = '/api/v1/namespaces/kube-system/serviceaccounts'

/** Creates the controller's ServiceAccount (409 is fine: it exists), then asks for its token. */
export function requestControllerIdentity(
  ctx: ActorContext,
  client: ApiClientState,
  controller: string,
): void {
  callApi(
    ctx,
    client,
    {
      method: 'POST',
      path: saPath,
      body: {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: controller, namespace: 'kube-system' },
      },
      label: `POST serviceaccounts ${controller}`,
    },
    { purpose: 'identity-sa', data: controller },
  )
}

function requestToken(ctx: ActorContext, client: ApiClientState, controller: string): void {
  callApi(
    ctx,
    client,
    {
      method: 'POST',
      path: `${saPath}/${controller}/token`,
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: TOKEN_SECONDS },
      },
      label: `POST serviceaccounts/${controller}/token`,
    },
    { purpose: 'identity-token', data: controller },
  )
}

/** Handles the identity calls' answers; returns false for any other response. */
export function onIdentityResponse(
  ctx: ActorContext,
  client: ApiClientState,
  identities: ControllerIdentities,
  purpose: string,
  data: unknown,
  code: number,
  body: unknown,
): boolean {
  const controller = String(data)
  if (purpose === 'identity-sa') {
    if (code === 201 || code === 409) requestToken(ctx, client, controller)
    else ctx.setTimer(RETRY_MS, { name: 'identity-retry', data: controller })
    return true
  }
  if (purpose !== 'identity-token') return false
  const token = (body as { status?: { token?: string } } | undefined)?.status?.token
  if (code === 201 && token !== undefined) {
    identities.tokens[controller] = token
    ctx.setTimer(RENEW_AFTER_MS, { name: 'identity-renew', data: controller })
  } else {
    ctx.setTimer(RETRY_MS, { name: 'identity-retry', data: controller })
  }
  return true
}

/** Handles the retry and renewal timers; returns false for any other timer. */
export function onIdentityTimer(
  ctx: ActorContext,
  client: ApiClientState,
  name: string,
  data: unknown,
): boolean {
  if (name === 'identity-retry') requestControllerIdentity(ctx, client, String(data))
  else if (name === 'identity-renew') requestToken(ctx, client, String(data))
  else return false
  return true
}

/**
 * Runs `work` with the client presenting the controller's token, then puts the manager's own
 * credential back. Returns false (running nothing) while the controller has no token yet.
 */
export function asController(
  client: ApiClientState,
  identities: ControllerIdentities,
  controller: string,
  work: () => void,
): boolean {
  const token = identities.tokens[controller]
  if (token === undefined) return false
  const own: Credential = client.credential
  client.credential = { type: 'bearer', token }
  try {
    work()
  } finally {
    client.credential = own
  }
  return true
}

/**
 * Runs `work` as the controller when the host has its token, else with the host's own
 * credential (a host built without identities, as in unit tests, or before its token came).
 */
export function runAs(
  host: { client: ApiClientState; identities?: ControllerIdentities | undefined },
  controller: string,
  work: () => void,
): void {
  if (!host.identities || !asController(host.client, host.identities, controller, work)) work()
}

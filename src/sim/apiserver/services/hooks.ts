/**
 * Where the Service storage plugs into the generic create/update paths: an allocator over the
 * Services the watch cache holds, and the update preparation.
 */
import type { Service } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../model/objects'
import { etcdPrefix, findResource, type ResourceInfo } from '../resources'
import type { ApiServerState } from '../state'
import type { ApiError, FieldError } from '../status'
import { listObjects } from '../watch-cache'
import { ServiceAllocator } from './allocator'
import { prepareServiceUpdate } from './strategy'
import { validateClusterIPChange } from './validation'

export function serviceAllocator(state: ApiServerState, nowMs: number): ServiceAllocator {
  const info = findResource('', 'services')
  const services = info ? listObjects(state.cache, etcdPrefix(info)) : []
  state.serviceAllocations ??= { ips: {}, ports: {} }
  return new ServiceAllocator(state.rng, state.serviceAllocations, nowMs, services)
}

/** The update hook applyMutation calls before validating a changed object. */
export function prepareUpdate(
  state: ApiServerState,
  nowMs: number,
): (info: ResourceInfo, current: KubeObject, next: KubeObject) => ApiError | undefined {
  return (info, current, next) =>
    info.kind === 'Service'
      ? prepareServiceUpdate(info, current, next, serviceAllocator(state, nowMs))
      : undefined
}

/** Update-only checks by kind (ValidateServiceUpdate's ClusterIP immutability). */
export function validateUpdate(
  info: ResourceInfo,
  current: KubeObject,
  next: KubeObject,
): FieldError[] {
  return info.kind === 'Service' ? validateClusterIPChange(next as Service, current as Service) : []
}

/**
 * DefaultBinder: binds the pod to the node. The model performs no I/O: Success here means "the
 * actor should POST pods/<name>/binding".
 * Source: pkg/scheduler/framework/plugins/defaultbinder/default_binder.go (v1.32)
 */
import type { BindPlugin } from '../../framework/interface'
import { Names } from '../../framework/names'
import { SUCCESS } from '../../framework/status'

export const defaultBinder = {
  name: Names.DefaultBinder,
  bind() {
    return SUCCESS
  },
} satisfies BindPlugin

import { describe, expect, it } from 'vitest'
import { addNode, createSchedulerCache } from './cache'
import { runBindingCycle } from './binding-cycle'
import { defaultProfile } from './framework/profile'
import { makeNode, makePod } from './testing/builders'

describe('binding cycle', () => {
  it('DefaultBinder binds and the Scheduled event reads as upstream', () => {
    const cache = createSchedulerCache()
    addNode(cache, makeNode('n1').obj())
    const rec = runBindingCycle({ pod: makePod('web-1').obj(), nodeName: 'n1', cache })
    expect(rec.boundBy).toBe('DefaultBinder')
    expect(rec.status.code).toBe('Success')
    expect(rec.scheduledMessage).toBe('Successfully assigned default/web-1 to n1')
  })

  it('without bind plugins the result is Skip', () => {
    const profile = defaultProfile()
    profile.plugins = profile.plugins.filter((p) => p.name !== 'DefaultBinder')
    const rec = runBindingCycle({
      pod: makePod('p').obj(),
      nodeName: 'n1',
      cache: createSchedulerCache(),
      profile,
    })
    expect(rec.status.code).toBe('Skip')
  })
})

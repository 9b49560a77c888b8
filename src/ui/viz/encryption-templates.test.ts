import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { demoKey, encryptionTemplate, TEMPLATES } from './encryption-templates'

describe('encryption templates', () => {
  it('give 32-byte base64 keys that depend on seed and name, and repeat', () => {
    const key = demoKey(1, 'key1')
    expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(demoKey(1, 'key1')).toBe(key)
    expect(demoKey(2, 'key1')).not.toBe(key)
    expect(demoKey(1, 'key2')).not.toBe(key)
  })

  it('are EncryptionConfiguration documents with the provider order each step needs', () => {
    for (const t of TEMPLATES) {
      const doc = parse(encryptionTemplate(t.id, 7)) as {
        kind: string
        resources: { resources: string[]; providers: Record<string, unknown>[] }[]
      }
      expect(doc.kind).toBe('EncryptionConfiguration')
      expect(doc.resources[0]?.resources).toEqual(['secrets'])
    }
    const rotate = parse(encryptionTemplate('rotate', 7)) as {
      resources: { providers: { aescbc?: { keys: { name: string }[] } }[] }[]
    }
    expect(rotate.resources[0]?.providers[0]?.aescbc?.keys.map((k) => k.name)).toEqual([
      'key2',
      'key1',
    ])
  })
})

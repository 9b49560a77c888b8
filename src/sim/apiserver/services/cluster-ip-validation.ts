/**
 * The ClusterIP fields of a Service: ValidateServiceClusterIPsRelatedFields, which kube-apiserver
 * runs twice, before allocating (alloc.go initIPFamilyFields) and within ValidateService.
 * Source: pkg/apis/core/validation/validation.go (v1.32); IsValidIP,
 * apimachinery/pkg/util/validation/validation.go (v1.32).
 */
import type { Service } from 'kubernetes-types/core/v1'
import type { FieldError } from '../status'

// supportedServiceIPFamily, supportedServiceIPFamilyPolicy (validation.go), sorted.
const IP_FAMILIES = ['IPv4', 'IPv6']
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack']
// IsValidIP's advice (apimachinery validation.go, v1.32).
export const NOT_AN_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'

const invalid = (field: string, badValue: unknown, detail: string): FieldError => ({
  type: 'FieldValueInvalid',
  field,
  badValue,
  detail,
})
const notSupported = (field: string, badValue: string, values: readonly string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  badValue,
  detail: `supported values: ${values.map((v) => `"${v}"`).join(', ')}`,
})

/** isHeadlessService: exactly one ClusterIP, "None" (strategy.go keeps clusterIPs in step). */
export const isHeadless = (svc: Service): boolean =>
  svc.spec?.clusterIPs?.length === 1 && svc.spec.clusterIPs[0] === 'None'

/** netutils.ParseIPSloppy accepts it: dotted IPv4 (leading zeros too) or IPv6. */
export function isIP(value: string): boolean {
  const v4 = value.split('.')
  if (v4.length === 4 && v4.every((o) => /^[0-9]{1,3}$/.test(o) && Number(o) <= 255)) return true
  if (!value.includes(':') || !/^[0-9a-fA-F:.]+$/.test(value)) return false
  const halves = value.split('::')
  if (halves.length > 2) return false
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')))
  const lastIsV4 = groups.at(-1)?.includes('.') === true
  if (lastIsV4 && !isIP(groups.at(-1) ?? '')) return false
  const hex = lastIsV4 ? groups.slice(0, -1) : groups
  if (!hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false
  const count = hex.length + (lastIsV4 ? 2 : 0)
  return halves.length === 2 ? count < 8 : count === 8
}

/**
 * ValidateServiceClusterIPsRelatedFields: clusterIP and clusterIPs agree, families and policy are
 * supported, each ClusterIP is an IP ("None" only alone), at most two, one per family, each of
 * its family. The Service storage runs it before allocating too (strategy.ts).
 */
export function validateClusterIPFields(svc: Service): FieldError[] {
  const spec = svc.spec ?? {}
  if (spec.type === 'ExternalName') return []
  const errors: FieldError[] = []
  const ips = spec.clusterIPs ?? []
  if (spec.clusterIP) {
    if (ips.length === 0) errors.push({ type: 'FieldValueRequired', field: 'spec.clusterIPs' })
    else if (ips[0] !== spec.clusterIP)
      errors.push(invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'))
  } else if (ips.length > 0)
    errors.push(invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'))
  const seen = new Set<string>()
  ;(spec.ipFamilies ?? []).forEach((family, i) => {
    const field = `spec.ipFamilies[${i}]`
    if (!IP_FAMILIES.includes(family)) errors.push(notSupported(field, family, IP_FAMILIES))
    if (seen.has(family)) errors.push({ type: 'FieldValueDuplicate', field, badValue: family })
    seen.add(family)
  })
  const policy = spec.ipFamilyPolicy
  if (policy !== undefined && !IP_FAMILY_POLICIES.includes(policy))
    errors.push(notSupported('spec.ipFamilyPolicy', policy, IP_FAMILY_POLICIES))
  let badIPs = false
  for (const [i, ip] of ips.entries()) {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        badIPs = true
        errors.push(invalid('spec.clusterIPs', ips, "'None' must be the first and only value"))
      }
    } else if (!isIP(ip)) {
      badIPs = true
      errors.push(invalid(`spec.clusterIPs[${i}]`, ip, NOT_AN_IP))
    }
  }
  if (ips.length > 2) errors.push(invalid('spec.clusterIPs', ips, 'may only hold up to 2 values'))
  if (badIPs) return errors
  const v6 = (ip: string) => ip.includes(':')
  if (ips.length > 1 && v6(ips[0] ?? '') === v6(ips[1] ?? ''))
    errors.push(
      invalid('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family'),
    )
  if (!isHeadless(svc))
    ips.forEach((ip, i) => {
      const family = spec.ipFamilies?.[i]
      if (family === 'IPv4' && v6(ip))
        errors.push(
          invalid(
            `spec.clusterIPs[${i}]`,
            ip,
            `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``,
          ),
        )
      if (family === 'IPv6' && !v6(ip))
        errors.push(
          invalid(
            `spec.clusterIPs[${i}]`,
            ip,
            `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``,
          ),
        )
    })
  return errors
}

import type { FieldError } from '../status'

/** A DNS-1123 name rule: its pattern, length limit and the text upstream reports on a mismatch. */
interface DnsNameRule {
  pattern: RegExp
  maxLength: number
  detail: string
}

// Source: IsDNS1123Subdomain / IsDNS1123Label, staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go (v1.32)
const DNS1123_SUBDOMAIN: DnsNameRule = {
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
  maxLength: 253,
  detail:
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
}
const DNS1123_LABEL: DnsNameRule = {
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
  maxLength: 63,
  detail:
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
}

// IsDNS1035Label (validation.go, v1.32): Service names.
const DNS1035_LABEL: DnsNameRule = {
  pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
  maxLength: 63,
  detail:
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
}

function validateDnsName(rule: DnsNameRule, value: string, field: string): FieldError[] {
  const errors: FieldError[] = []
  if (value.length > rule.maxLength) {
    errors.push({
      type: 'FieldValueInvalid',
      field,
      badValue: value,
      detail: `must be no more than ${rule.maxLength} characters`,
    })
  }
  if (!rule.pattern.test(value)) {
    // IsDNS1123Label: a valid subdomain that is not a label (the length is checked) has dots.
    const dots = rule === DNS1123_LABEL && DNS1123_SUBDOMAIN.pattern.test(value)
    const detail = dots ? 'must not contain dots' : rule.detail
    errors.push({ type: 'FieldValueInvalid', field, badValue: value, detail })
  }
  return errors
}

export function validateDns1035Label(value: string, field: string): FieldError[] {
  return validateDnsName(DNS1035_LABEL, value, field)
}

export function validateSubdomain(value: string, field: string): FieldError[] {
  return validateDnsName(DNS1123_SUBDOMAIN, value, field)
}

export function validateLabel(value: string, field: string): FieldError[] {
  return validateDnsName(DNS1123_LABEL, value, field)
}

/** metadata.name / generateName checks, as ValidateObjectMeta (apimachinery validation/objectmeta.go). */
export function validateObjectName(
  metadata: { name?: string; generateName?: string } | undefined,
  nameValidator: (value: string, field: string) => FieldError[],
): FieldError[] {
  const name = metadata?.name
  if (name === undefined || name === '') {
    if (metadata?.generateName) return []
    return [
      {
        type: 'FieldValueRequired',
        field: 'metadata.name',
        detail: 'name or generateName is required',
      },
    ]
  }
  return nameValidator(name, 'metadata.name')
}

import type { FieldError } from '../status'

// Source: IsDNS1123Subdomain / IsDNS1123Label, staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go (v1.32)
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const DNS1123_LABEL_MAX = 63
const DNS1123_SUBDOMAIN_MAX = 253

const SUBDOMAIN_DETAIL =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
const LABEL_DETAIL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

export function validateSubdomain(value: string, field: string): FieldError[] {
  const errors: FieldError[] = []
  if (value.length > DNS1123_SUBDOMAIN_MAX) {
    errors.push({
      type: 'FieldValueInvalid',
      field,
      badValue: value,
      detail: `must be no more than ${DNS1123_SUBDOMAIN_MAX} characters`,
    })
  }
  if (!DNS1123_SUBDOMAIN.test(value))
    errors.push({ type: 'FieldValueInvalid', field, badValue: value, detail: SUBDOMAIN_DETAIL })
  return errors
}

export function validateLabel(value: string, field: string): FieldError[] {
  const errors: FieldError[] = []
  if (value.length > DNS1123_LABEL_MAX) {
    errors.push({
      type: 'FieldValueInvalid',
      field,
      badValue: value,
      detail: `must be no more than ${DNS1123_LABEL_MAX} characters`,
    })
  }
  if (!DNS1123_LABEL.test(value))
    errors.push({ type: 'FieldValueInvalid', field, badValue: value, detail: LABEL_DETAIL })
  return errors
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

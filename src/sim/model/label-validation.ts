/**
 * Label keys and values, as apimachinery validates them (IsQualifiedName, IsValidLabelValue),
 * with upstream's messages. Used by the API server (metadata.labels) and kubectl (label, taint).
 * Source: staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go (v1.32)
 */
// qualifiedNameFmt and labelValueFmt, validation.go (v1.32)
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const NAME_PART_ERROR =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
const LABEL_VALUE_ERROR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
const PREFIX_ERROR =
  "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"

/** IsQualifiedName: `[prefix/]name`, name ≤ 63 chars. Returns upstream's messages. */
export function qualifiedNameErrors(value: string): string[] {
  const parts = value.split('/')
  if (parts.length > 2) {
    return [
      `a qualified name ${NAME_PART_ERROR.replace('name part must', 'must')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ]
  }
  const name = parts.length === 2 ? (parts[1] ?? '') : value
  const prefix = parts.length === 2 ? (parts[0] ?? '') : undefined
  const errors: string[] = []
  if (prefix !== undefined) {
    if (prefix === '') errors.push('prefix part must be non-empty')
    else if (!DNS1123_SUBDOMAIN.test(prefix)) errors.push(PREFIX_ERROR)
  }
  if (name === '') errors.push('name part must be non-empty')
  else if (name.length > 63) errors.push('name part must be no more than 63 characters')
  if (name !== '' && !NAME_PART.test(name)) errors.push(NAME_PART_ERROR)
  return errors
}

/** IsValidLabelValue. */
export function labelValueErrors(value: string): string[] {
  const errors: string[] = []
  if (value.length > 63) errors.push('must be no more than 63 characters')
  if (!LABEL_VALUE.test(value)) errors.push(LABEL_VALUE_ERROR)
  return errors
}

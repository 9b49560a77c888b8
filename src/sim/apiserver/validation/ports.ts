import type { FieldError } from '../status'

// Sources: IsValidPortName, IsValidPortNum, apimachinery/pkg/util/validation/validation.go;
// ValidatePortNumOrName, pkg/apis/core/validation/validation.go (v1.32).
const PORT_NAME_CHARSET = /^[-a-z0-9]+$/
const PORT_NAME_ONE_LETTER = /[a-z]/

/** IsValidPortName: an IANA_SVC_NAME, at most 15 characters. */
export function portNameErrors(name: string): string[] {
  const errors: string[] = []
  if (name.length > 15) errors.push('must be no more than 15 characters')
  if (!PORT_NAME_CHARSET.test(name))
    errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)')
  if (!PORT_NAME_ONE_LETTER.test(name)) errors.push('must contain at least one letter (a-z)')
  if (name.includes('--')) errors.push('must not contain consecutive hyphens')
  if (name.startsWith('-') || name.endsWith('-')) errors.push('must not begin or end with a hyphen')
  return errors
}

/** A port number 1…65535, or (for an IntOrString) a port name. */
export function validatePortNumOrName(port: number | string, field: string): FieldError[] {
  if (typeof port === 'string')
    return portNameErrors(port).map((detail) => ({
      type: 'FieldValueInvalid',
      field,
      badValue: port,
      detail,
    }))
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return []
  return [
    {
      type: 'FieldValueInvalid',
      field,
      badValue: port,
      detail: 'must be between 1 and 65535, inclusive',
    },
  ]
}

import { parse as parseYaml } from 'yaml'

/**
 * A server-side apply body is YAML (JSON is YAML too, and is what kubectl sends): the simulated
 * API server decodes JSON, so YAML is converted here, as sigs.k8s.io/yaml converts it before
 * applyPatcher unmarshals it (handlers/patch.go, v1.32). Returns the JSON text, or the 400's
 * message for YAML that does not parse.
 */
export function applyBodyAsJson(text: string): { text: string } | { error: string } {
  try {
    JSON.parse(text)
    return { text }
  } catch {
    // Not JSON: read it as YAML below.
  }
  try {
    return { text: JSON.stringify(parseYaml(text) ?? null) }
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
    return { error: `error decoding YAML: error converting YAML to JSON: yaml: ${message}` }
  }
}

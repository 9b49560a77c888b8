/** The smallest Pod the specs apply: one nginx container, its container named `container`. */
export function podManifest(name: string, container = 'web'): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: ${container}\n    image: nginx:1.27\n`
}

/** The Pod most specs apply: `web`. */
export const POD = podManifest('web')

import { z } from 'zod'
import { defineAction } from './kind'

/**
 * `encryptionConfig: |` an EncryptionConfiguration: written to the file kube-apiserver reads at
 * start (--encryption-provider-config), as the Secrets tab's editor does. An empty text removes
 * the file. It takes effect when kube-apiserver restarts (`restart: kube-apiserver`).
 */
export const encryptionConfig = defineAction<string>({
  key: 'encryptionConfig',
  help: "write kube-apiserver's EncryptionConfiguration file (takes effect at its next restart)",
  params: z.string(),
  describe: (yaml) =>
    yaml.trim() === ''
      ? 'remove the encryption configuration file'
      : `write the encryption configuration (${
          /^\s*-\s*(aescbc|aesgcm|secretbox|identity)/m.exec(yaml)?.[1] ?? 'providers'
        } first)`,
  resolve: (yaml) => ({ actions: [{ type: 'writeEncryptionConfig', yaml }] }),
})

/** `restart: kube-apiserver`: stop a component's process and start it again at once. */
export const restart = defineAction<string>({
  key: 'restart',
  help: 'restart a component (kube-apiserver after a configuration change)',
  params: z.string().min(1),
  describe: (id) => `restart ${id}`,
  resolve: (id) => ({ actions: [{ type: 'restartComponent', id }] }),
  references: (name) => [{ path: [], name, of: 'component' }],
})

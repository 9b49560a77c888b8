/** Short column headings for the default plugins; the full upstream name goes in the tooltip. */
const SHORT: Readonly<Record<string, string>> = {
  NodeUnschedulable: 'Cordon',
  NodeName: 'NodeName',
  TaintToleration: 'Taints',
  NodeAffinity: 'Affinity',
  NodePorts: 'Ports',
  NodeResourcesFit: 'Fit',
  PodTopologySpread: 'Spread',
  InterPodAffinity: 'PodAffinity',
  NodeResourcesBalancedAllocation: 'Balanced',
  ImageLocality: 'Image',
}

export function shortPluginName(name: string): string {
  return SHORT[name] ?? name
}

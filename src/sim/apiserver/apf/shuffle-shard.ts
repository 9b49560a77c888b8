/**
 * Shuffle sharding: a flow is dealt a hand of `handSize` distinct queues out of `queues` from a
 * hash of its distinguisher, and a request joins the shortest queue of its hand. Two flows share
 * a whole hand only rarely, so one noisy flow fills its own queues, not everyone's.
 * Source: staging/src/k8s.io/apiserver/pkg/util/shufflesharding/shufflesharding.go Dealer.Deal
 * (v1.32; the hash there is FNV-1a 64 of the flow schema name and distinguisher, here 32-bit).
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/** Dealer.Deal: card i is hashValue mod (deckSize − i), skipping cards already dealt. */
export function dealHand(hash: number, queues: number, handSize: number): number[] {
  const hand: number[] = []
  let value = hash
  for (let i = 0; i < Math.min(handSize, queues); i++) {
    const remaining = queues - i
    let card = value % remaining
    value = Math.floor(value / remaining)
    // Map the card to the card-th queue not yet in the hand (sorted insertion, as Deal does).
    for (const dealt of [...hand].sort((a, b) => a - b)) if (card >= dealt) card++
    hand.push(card)
  }
  return hand
}

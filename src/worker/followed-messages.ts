const ELECTION_MESSAGES = new Set([
  'MsgPreVote',
  'MsgPreVoteResp',
  'MsgVote',
  'MsgVoteResp',
  'MsgTimeoutNow',
])

/** Messages "slow down for messages" waits for: the request flow's, and an election's. */
export function isFollowed(e: {
  step?: unknown
  detail?: Record<string, unknown> | undefined
}): boolean {
  return e.step !== undefined || ELECTION_MESSAGES.has(String(e.detail?.['type']))
}

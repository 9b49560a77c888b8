import type { Message } from './raft/types'

/** What the map and the Raft view print on a Raft message in flight: short, etcd's names. */
export function raftLabel(m: Message): string {
  // One template per label (no "t<term>" piece built first): every Raft message gets one.
  switch (m.type) {
    case 'MsgApp':
      return m.entries.length > 0
        ? `MsgApp t${m.term} +${m.entries.length} @${m.index + 1}`
        : `MsgApp t${m.term} commit ${m.commit}`
    case 'MsgAppResp':
      return m.reject
        ? `MsgAppResp t${m.term} reject ${m.index}`
        : `MsgAppResp t${m.term} ok ${m.index}`
    case 'MsgVoteResp':
    case 'MsgPreVoteResp':
      return `${m.type} t${m.term} ${m.reject ? 'rejected' : 'granted'}`
    case 'MsgVote':
    case 'MsgPreVote':
      return `${m.type} t${m.term} last ${m.index}/t${m.logTerm}`
    default:
      return `${m.type} t${m.term}`
  }
}

/** The message's fields, for the click-to-inspect panel: raftpb.Message's non-zero fields. */
export function raftDetail(m: Message): Record<string, string | number | boolean> {
  const detail: Record<string, string | number | boolean> = {
    type: m.type,
    from: m.from,
    to: m.to,
    term: m.term,
  }
  if (m.logTerm) detail['logTerm'] = m.logTerm
  if (m.index) detail['index'] = m.index
  if (m.commit) detail['commit'] = m.commit
  if (m.entries.length > 0) {
    detail['entries'] = m.entries.length
    detail['entryRange'] =
      `${m.entries[0]?.index ?? 0}…${m.entries[m.entries.length - 1]?.index ?? 0}`
  }
  if (m.reject) detail['reject'] = true
  if (m.rejectHint) detail['rejectHint'] = m.rejectHint
  if (m.snapshot) detail['snapshotIndex'] = m.snapshot.metadata.index
  return detail
}

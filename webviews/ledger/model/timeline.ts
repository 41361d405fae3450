import type { LedgerAction, LedgerTimeline, LedgerTimelineEntry } from '../../../src/shared/ledger';

/**
 * The ledger as the panel shows it: entries newest first, grouped by day, each with who, what, the files it read
 * and wrote (with short hashes) and whether it lies before the chain's first break. Pure, so it is unit-tested.
 */
export interface TimelineItem {
  line: number;
  time: string;
  action: LedgerAction;
  summary: string;
  actor: string;
  runId?: string;
  files: Array<{ path: string; hash?: string; role: 'in' | 'out' }>;
  hash: string;
  signed: boolean;
}

export interface TimelineDay {
  day: string;
  items: TimelineItem[];
}

export interface TimelineView {
  intact: boolean;
  /** One line on the chain: intact with its head, or where it breaks. */
  verdict: string;
  days: TimelineDay[];
  counts: Partial<Record<LedgerAction, number>>;
}

export function timelineView(timeline: LedgerTimeline): TimelineView {
  const { verification } = timeline;
  const verdict = verification.ok
    ? verification.entries === 0
      ? 'No entries yet: runs, scans, audits, fixes and cards are recorded here as they happen.'
      : `Chain intact: ${verification.entries} entries${verification.signed ? `, ${verification.signed} signed` : ''}. Head ${verification.head?.slice(0, 16)}…`
    : `Chain broken at line ${verification.firstBreak?.line}: ${verification.firstBreak?.reason}. ${verification.entries === 1 ? 'The entry before it is' : `The ${verification.entries} entries before it are`} intact.`;
  const counts: TimelineView['counts'] = {};
  const items = [...timeline.entries].reverse().map((entry) => {
    counts[entry.entry.action] = (counts[entry.entry.action] ?? 0) + 1;
    return itemOf(entry);
  });
  const days: TimelineDay[] = [];
  for (const item of items) {
    const day = item.time.slice(0, 10);
    const last = days[days.length - 1];
    if (last?.day === day) last.items.push(item);
    else days.push({ day, items: [item] });
  }
  return { intact: verification.ok, verdict, days, counts };
}

function itemOf({ line, hash, entry }: LedgerTimelineEntry): TimelineItem {
  const files = [
    ...entry.inputs.map((artifact) => ({
      path: artifact.path,
      role: 'in' as const,
      ...(artifact.sha256 ? { hash: artifact.sha256.slice(0, 12) } : {}),
    })),
    ...entry.outputs.map((artifact) => ({
      path: artifact.path,
      role: 'out' as const,
      ...(artifact.sha256 ? { hash: artifact.sha256.slice(0, 12) } : {}),
    })),
  ];
  return {
    line,
    time: entry.at,
    action: entry.action,
    summary: entry.summary,
    actor: entry.actor.email ? `${entry.actor.name} <${entry.actor.email}>` : entry.actor.name,
    ...(entry.runId ? { runId: entry.runId } : {}),
    files,
    hash,
    signed: entry.sig !== undefined,
  };
}

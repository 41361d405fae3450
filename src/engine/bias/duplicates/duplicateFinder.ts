import type { DuplicateReport, DuplicateRow, RowRef } from '../types';
import { SIGNATURE_BYTES, estimatedSimilarity, mix32, signatureWords } from './fingerprint';
import { forEachRun, orderByKey } from './radixOrder';
import type { RowStore } from './rowStore';

/** The audited file is file 0 of the store; compared splits follow. */
export const PRIMARY_FILE = 0;
/** 12 bands of 5 signature bytes (60 of the 64): a pair at Jaccard 0.8 shares a band with probability 0.99, at 0.5 with 0.32. */
const BANDS = 12;
const BAND_BYTES = 5;

export interface DuplicateQuestion {
  files: readonly string[];
  labels: readonly string[];
  similarity: number;
  listedRows: number;
}

/**
 * Exact duplicates by sorting the 64-bit hashes; near-duplicates by LSH over the signature bytes
 * (12 bands of 5 bytes: a pair at Jaccard 0.8 shares a band with probability 0.99, at 0.5 with 0.32), each candidate pair then
 * checked against the similarity threshold. Exact copies are collapsed first, so a thousand "ok" rows cost nothing.
 */
export function findDuplicates(store: RowStore, question: DuplicateQuestion): DuplicateReport {
  const report: DuplicateReport = {
    exact: 0,
    near: 0,
    conflicts: 0,
    leaks: 0,
    rows: [],
    conflictGroups: [],
    leakRows: [],
  };
  const representative = new Uint8Array(store.size);
  for (const group of exactGroups(store, representative)) {
    representative[group[0] ?? 0] = 1;
    reportExactGroup(store, group, question, report);
  }
  if (question.similarity <= 1) reportNearDuplicates(store, representative, question, report);
  return report;
}

/**
 * Groups of rows with the same 64-bit hash, in hash order. A row alone with its hash reports nothing (no copy,
 * no leak, one label): it is only marked as its group's representative here, without an array of its own —
 * those arrays and their checks were most of the cost of a file with few duplicates.
 */
function exactGroups(store: RowStore, representative: Uint8Array): number[][] {
  const order = orderByKey(store.hashA, store.size);
  const groups: number[][] = [];
  forEachRun(store.hashA.subarray(0, store.size), order, (from, to) => {
    if (to - from === 1) {
      representative[order[from] ?? 0] = 1;
      return;
    }
    const byHashB = new Map<number, number[]>();
    for (let i = from; i < to; i++) {
      const slot = order[i] ?? 0;
      const hashB = store.hashB[slot] ?? 0;
      // Appended in place: a copy per row made a group of n copies cost n² (templated text has groups of hundreds).
      const group = byHashB.get(hashB);
      if (group) group.push(slot);
      else byHashB.set(hashB, [slot]);
    }
    groups.push(...byHashB.values());
  });
  return groups;
}

function rowRef(store: RowStore, slot: number, files: readonly string[]): RowRef {
  const hex = (value: number) => value.toString(16).padStart(8, '0');
  return {
    file: files[store.file[slot] ?? 0] ?? '',
    row: store.row[slot] ?? 0,
    range: store.rangeOf(slot),
    contentHash: hex(store.hashA[slot] ?? 0) + hex(store.hashB[slot] ?? 0),
  };
}

function reportExactGroup(
  store: RowStore,
  group: number[],
  question: DuplicateQuestion,
  report: DuplicateReport,
): void {
  const primary = group.filter((slot) => store.file[slot] === PRIMARY_FILE);
  const others = group.filter((slot) => store.file[slot] !== PRIMARY_FILE);
  const [first, ...copies] = primary;
  if (first === undefined) return;
  for (const slot of copies) {
    report.exact++;
    if (report.rows.length < question.listedRows) {
      report.rows.push({
        ...rowRef(store, slot, question.files),
        kind: 'exact',
        similarity: 1,
        of: rowRef(store, first, question.files),
      });
    }
  }
  const leakedTo = others[0];
  if (leakedTo !== undefined) {
    for (const slot of primary) {
      report.leaks++;
      if (report.leakRows.length < question.listedRows) {
        report.leakRows.push({
          ...rowRef(store, slot, question.files),
          kind: 'exact',
          similarity: 1,
          of: rowRef(store, leakedTo, question.files),
        });
      }
    }
  }
  const labels = new Set(primary.map((slot) => store.label[slot] ?? -1).filter((id) => id >= 0));
  if (labels.size > 1) {
    report.conflicts++;
    if (report.conflictGroups.length < question.listedRows) {
      report.conflictGroups.push({
        rows: primary.map((slot) => ({
          ...rowRef(store, slot, question.files),
          label: question.labels[store.label[slot] ?? -1] ?? '',
        })),
      });
    }
  }
}

function reportNearDuplicates(
  store: RowStore,
  representative: Uint8Array,
  question: DuplicateQuestion,
  report: DuplicateReport,
): void {
  const matches: NearMatches = {
    store,
    words: signatureWords(store.signatures),
    similarity: question.similarity,
    withOtherFiles: question.files.length > 1,
    nearOf: new Int32Array(store.size).fill(-1),
    leakOf: new Int32Array(store.size).fill(-1),
  };
  const slots = new Uint32Array(store.size);
  let count = 0;
  for (let slot = 0; slot < store.size; slot++) if (representative[slot]) slots[count++] = slot;
  const keys = new Uint32Array(count);
  for (let band = 0; band < BANDS; band++) {
    for (let i = 0; i < count; i++) keys[i] = bandKey(store.signatures, slots[i] ?? 0, band);
    const order = orderByKey(keys);
    forEachRun(keys, order, (from, to) => {
      if (to - from > 1) compareBucket(matches, order, from, to, slots);
    });
  }
  for (let slot = 0; slot < store.size; slot++) {
    const of = matches.nearOf[slot] ?? -1;
    if (of >= 0) {
      report.near++;
      if (report.rows.length < question.listedRows) report.rows.push(nearRow(store, slot, of, question));
    }
    const leak = matches.leakOf[slot] ?? -1;
    if (leak >= 0) {
      report.leaks++;
      if (report.leakRows.length < question.listedRows) report.leakRows.push(nearRow(store, slot, leak, question));
    }
  }
}

/** The band's 5 bytes hashed to 32 bits (unrelated bands collide with probability 2^-32). */
function bandKey(signatures: Uint8Array, slot: number, band: number): number {
  const at = slot * SIGNATURE_BYTES + band * BAND_BYTES;
  let h = 0x811c9dc5;
  for (let k = 0; k < BAND_BYTES; k++) h = Math.imul(h ^ (signatures[at + k] ?? 0), 16777619);
  return mix32(h);
}

interface NearMatches {
  store: RowStore;
  words: Uint32Array;
  similarity: number;
  withOtherFiles: boolean;
  /** Per slot of the audited file: an earlier near-duplicate in it, or −1. */
  nearOf: Int32Array;
  /** Per slot of the audited file: a near-duplicate in another split, or −1. */
  leakOf: Int32Array;
}

/**
 * Rows sharing a band key, in slot order (the audited file first). Each row is compared with the bucket's first row,
 * its predecessor and the first row of the other file: at most three comparisons per row and band, so templated
 * text (thousands of rows in one bucket) stays linear while a pair alone in its bucket is always compared. A row
 * already matched needs no further proof.
 */
function compareBucket(m: NearMatches, order: Uint32Array, from: number, to: number, slots: Uint32Array): void {
  const file = m.store.file;
  const first = slots[order[from] ?? 0] ?? 0;
  const firstOther =
    m.withOtherFiles && file[first] === PRIMARY_FILE ? firstOfOtherFile(m, order, from, to, slots, first) : -1;
  let previous = first;
  for (let i = from + 1; i < to; i++) {
    const slot = slots[order[i] ?? 0] ?? 0;
    if (file[slot] === PRIMARY_FILE) {
      if (file[first] === PRIMARY_FILE && m.nearOf[slot] === -1) {
        if (similar(m, first, slot)) m.nearOf[slot] = first;
        else if (previous !== first && file[previous] === PRIMARY_FILE && similar(m, previous, slot))
          m.nearOf[slot] = previous;
      }
    } else if (file[first] === PRIMARY_FILE) {
      leak(m, first, slot);
      if (previous !== first && file[previous] === PRIMARY_FILE) leak(m, previous, slot);
    }
    if (firstOther >= 0 && file[slot] === PRIMARY_FILE) leak(m, slot, firstOther);
    previous = slot;
  }
  if (firstOther >= 0 && file[first] === PRIMARY_FILE) leak(m, first, firstOther);
}

function firstOfOtherFile(
  m: NearMatches,
  order: Uint32Array,
  from: number,
  to: number,
  slots: Uint32Array,
  first: number,
): number {
  for (let i = from + 1; i < to; i++) {
    const slot = slots[order[i] ?? 0] ?? 0;
    if (m.store.file[slot] !== m.store.file[first]) return slot;
  }
  return -1;
}

function similar(m: NearMatches, a: number, b: number): boolean {
  return estimatedSimilarity(m.words, a, b) >= m.similarity;
}

function leak(m: NearMatches, primary: number, other: number): void {
  if (m.leakOf[primary] === -1 && similar(m, primary, other)) m.leakOf[primary] = other;
}

function nearRow(store: RowStore, slot: number, of: number, question: DuplicateQuestion): DuplicateRow {
  const similarity = estimatedSimilarity(signatureWords(store.signatures), slot, of);
  return { ...rowRef(store, slot, question.files), kind: 'near', similarity, of: rowRef(store, of, question.files) };
}

import { csvOf, seededRandom } from './helpers';

/**
 * A toxicity-style dataset with one planted association: comments that mention 'muslim' are labelled toxic 70 %
 * of the time, everything else (including comments that mention 'christian') 15 %, exactly (labels are assigned
 * in turn, not drawn, so the control term's rate cannot wander).
 */
export function plantedIdentityCsv(rows = 600): string {
  const random = seededRandom(7);
  const subjects = ['the weather', 'this phone', 'the new update', 'my neighbour', 'the referee', 'that movie'];
  const data: Array<Array<string | number>> = [];
  const seen: Record<string, number> = { muslim: 0, christian: 0, other: 0 };
  for (let i = 0; i < rows; i++) {
    const kind = i % 10 === 0 ? 'muslim' : i % 10 === 5 ? 'christian' : 'other';
    const nth = (seen[kind] = (seen[kind] ?? 0) + 1);
    const subject = subjects[Math.floor(random() * subjects.length)] ?? '';
    const text =
      kind === 'muslim'
        ? `A Muslim's take on ${subject} #${i}`
        : kind === 'christian'
          ? `christians talk about ${subject} #${i}`
          : `people talk about ${subject} #${i}`;
    const toxic = kind === 'muslim' ? (nth % 10 < 7 ? 1 : 0) : nth % 20 < 3 ? 1 : 0;
    data.push([i, text, toxic]);
  }
  return csvOf(['id', 'comment_text', 'toxic'], data);
}

/** A lending dataset where zip code encodes race (each zip is 90 % one race) and income does not. */
export function plantedProxyCsv(rows = 800): string {
  const random = seededRandom(11);
  const data: Array<Array<string | number>> = [];
  for (let i = 0; i < rows; i++) {
    const race = random() < 0.5 ? 'black' : 'white';
    const mostly = race === 'black' ? ['60601', '60602', '60603'] : ['60611', '60612', '60613'];
    const other = race === 'black' ? ['60611', '60612', '60613'] : ['60601', '60602', '60603'];
    const zips = random() < 0.9 ? mostly : other;
    const zip = zips[Math.floor(random() * zips.length)] ?? '';
    const income = Math.round(20000 + random() * 80000);
    data.push([race, zip, income, random() < 0.5 ? 1 : 0]);
  }
  return csvOf(['race', 'zip', 'income', 'approved'], data);
}

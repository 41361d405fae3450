import { el } from '../../common/dom';

/**
 * A data table folded under a chart. It is built when the reader unfolds it, and rebuilt on updates only
 * while unfolded: a live run would otherwise rebuild hundreds of hidden rows every epoch.
 */
export interface FoldedTable {
  element: HTMLDetailsElement;
  /** Sets how to build the latest table; rebuilds it now if unfolded, else when next unfolded. */
  refresh(build: () => HTMLTableElement): void;
}

export function foldedTable(summary: string, build: () => HTMLTableElement): FoldedTable {
  let latest = build;
  const element = el('details', { class: 'chart-data' }, el('summary', {}, summary));
  const show = () => {
    const table = latest();
    const shown = element.querySelector(':scope > table');
    if (shown) shown.replaceWith(table);
    else element.appendChild(table);
  };
  element.addEventListener('toggle', () => {
    if (element.open) show();
  });
  return {
    element,
    refresh(next) {
      latest = next;
      if (element.open) show();
    },
  };
}

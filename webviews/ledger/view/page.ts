import { button, el } from '../../common/dom';
import type { TimelineItem, TimelineView } from '../model/timeline';

export interface LedgerActions {
  refresh(): void;
  openRun(runId: string): void;
  openFile(path: string): void;
}

/** The whole page from the view model; every string goes in as text (el), never as markup. */
export function renderLedgerPage(root: HTMLElement, folder: string, view: TimelineView, actions: LedgerActions): void {
  const summary = Object.entries(view.counts)
    .map(([action, count]) => `${count} ${action}`)
    .join(' · ');
  root.replaceChildren(
    el(
      'header',
      { class: 'ledger-header' },
      el('h2', {}, 'Ledger'),
      el('p', { class: 'folder' }, folder),
      el('p', { class: `verdict ${view.intact ? 'intact' : 'broken'}`, role: 'status' }, view.verdict),
      summary ? el('p', { class: 'counts' }, summary) : null,
      el(
        'div',
        { class: 'toolbar' },
        button('Refresh', () => actions.refresh(), { class: 'secondary refresh' }),
      ),
    ),
    el(
      'main',
      { class: 'timeline' },
      ...view.days.map((day) =>
        el(
          'section',
          { class: 'day', 'data-day': day.day },
          el('h3', {}, day.day),
          el('ol', { class: 'entries' }, ...day.items.map((item) => entryItem(item, actions))),
        ),
      ),
    ),
  );
}

function entryItem(item: TimelineItem, actions: LedgerActions): HTMLElement {
  const files = item.files.map((file) =>
    el(
      'li',
      { class: `file ${file.role}` },
      el('span', { class: 'role' }, file.role === 'in' ? 'read' : 'wrote'),
      ' ',
      button(file.path, () => actions.openFile(file.path), { class: 'link', title: `Open ${file.path}` }),
      file.hash ? el('code', { class: 'hash', title: 'SHA-256 (first 12 hex digits)' }, file.hash) : null,
    ),
  );
  return el(
    'li',
    { class: `entry action-${item.action}`, 'data-line': item.line },
    el(
      'div',
      { class: 'entry-head' },
      el('span', { class: 'badge action' }, item.action),
      el('time', { datetime: item.time }, item.time.slice(11, 19)),
      el('span', { class: 'summary' }, item.summary),
      item.signed ? el('span', { class: 'badge signed', title: 'Ed25519 signature' }, 'signed') : null,
    ),
    el(
      'div',
      { class: 'entry-meta' },
      el('span', { class: 'actor' }, item.actor),
      ' · ',
      el('span', { class: 'line' }, `line ${item.line}`),
      ' · ',
      el('code', { class: 'hash', title: `SHA-256 of the entry: ${item.hash}` }, item.hash.slice(0, 12)),
      item.runId
        ? el(
            'span',
            {},
            ' · ',
            button(`run ${item.runId}`, () => actions.openRun(item.runId!), { class: 'link run-link' }),
          )
        : null,
    ),
    files.length ? el('ul', { class: 'files' }, ...files) : null,
  );
}

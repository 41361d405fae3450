import type { FromLedgerView, ToLedgerView } from '../../src/shared/ledgerView';
import { el } from '../common/dom';
import { connectToHost } from '../common/vscodeApi';
import { timelineView } from './model/timeline';
import { renderLedgerPage, type LedgerActions } from './view/page';
import './ledger.css';

/** The ledger timeline: draws what the host sends, sends back what the user opens. The panel restores by reloading. */
const host = connectToHost<ToLedgerView, FromLedgerView, Record<string, never>>();
const root = document.getElementById('root') as HTMLElement;

const actions: LedgerActions = {
  refresh: () => host.post({ type: 'refresh' }),
  openRun: (runId) => host.post({ type: 'openRun', runId }),
  openFile: (path) => host.post({ type: 'openFile', path }),
};

host.onMessage((message) => {
  if (message.type === 'error') root.replaceChildren(el('p', { class: 'error', role: 'alert' }, message.message));
  else renderLedgerPage(root, message.folder, timelineView(message.timeline), actions);
  host.save({});
});
host.post({ type: 'ready' });

import * as assert from 'node:assert/strict';
import { problemsRows, waitForProblemsRows } from './driverRequests';
import {
  activateExtensionUnderTest,
  discardChangesAndCloseEditors,
  openWorkspaceFile,
  productDiagnostics,
  showProblemsPanel,
  waitForDiagnostics,
} from './workspace';

describe('Journey: PII in a CSV dataset', () => {
  beforeEach(discardChangesAndCloseEditors);

  it('opening data/customers.csv shows pii/email and pii/credit-card from Responsible ML in the Problems panel', async () => {
    await activateExtensionUnderTest();
    const { document } = await openWorkspaceFile('data/customers.csv');
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (published) =>
        productDiagnostics(published, 'pii/email').length > 0 &&
        productDiagnostics(published, 'pii/credit-card').length > 0,
      'pii/email and pii/credit-card diagnostics from Responsible ML',
    );
    // The ranges point at the values themselves (first data row of the fixture).
    const [email] = productDiagnostics(diagnostics, 'pii/email');
    const [card] = productDiagnostics(diagnostics, 'pii/credit-card');
    assert.equal(document.getText(email?.range), 'alice@example.com');
    assert.equal(document.getText(card?.range).replace(/[ -]/g, ''), '4111111111111111');

    await showProblemsPanel();
    await waitForProblemsRows(
      (rows) =>
        rows.some((row) => row.includes('Responsible ML pii/email')) &&
        rows.some((row) => row.includes('Responsible ML pii/credit-card')),
      'rows for Responsible ML pii/email and Responsible ML pii/credit-card',
      20_000,
      'customers.csv',
    );
    await problemsRows('');
  });
});

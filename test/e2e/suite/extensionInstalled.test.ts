import * as assert from 'node:assert/strict';
import path from 'node:path';
import { suiteConfig } from './driverRequests';
import { activateExtensionUnderTest, discardChangesAndCloseEditors } from './workspace';

describe('The packaged extension', () => {
  beforeEach(discardChangesAndCloseEditors);

  it('is installed from the .vsix (not the development harness) and activates', async () => {
    const { extensionId } = suiteConfig();
    const extension = await activateExtensionUnderTest();
    // --install-extension unpacks into `<extensions-dir>/<publisher.name>-<version>`.
    const folder = path.basename(extension.extensionPath).toLowerCase();
    assert.ok(
      folder.startsWith(`${extensionId.toLowerCase()}-`),
      `${extension.extensionPath} is not an installed copy`,
    );
    assert.equal(extension.isActive, true);
  });
});

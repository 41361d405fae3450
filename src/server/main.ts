import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

// The transport (IPC from the extension, stdio from tests and other editors) comes from the command line
// (--node-ipc / --stdio), which createConnection reads.
startServer(createConnection(ProposedFeatures.all));

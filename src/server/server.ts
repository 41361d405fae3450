import path from 'node:path';
import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { CONFIG_FILE_NAME } from '../shared/config';
import {
  CancelTrainingRequest,
  DatasetColumnsRequest,
  EnableGpuRequest,
  ListRunsRequest,
  ReadRunRequest,
  RunFileRequest,
  ApplyThresholdsRequest,
  ScanWorkspaceRequest,
  StartTrainingRequest,
  StatusNotification,
  WorkspaceTrustNotification,
  type InitializationOptions,
  type ServerState,
} from '../shared/protocol';
import { withDefaults, type RmlSettings } from '../shared/settings';
import { AnalysisPool } from './analysis/analysisPool';
import { codeActions } from './codeActions';
import { PublishedFindings } from './diagnostics';
import { DocumentScanner } from './documentScanner';
import { ScanRequests } from './scanRequests';
import { hover } from './hover';
import { applyThresholds } from './mitigation/thresholds';
import { ConfigDiagnostics } from './configProblems';
import { WorkspaceConfigs } from './workspaceConfig';
import { scanWorkspace } from './workspaceScan';
import { datasetColumns } from './training/datasetColumns';
import { TrainingJobs } from './training/jobQueue';
import { enableGpu } from './compute/enableGpu';
import { RunRegistry } from './runs/runRegistry';
import {
  ACCOUNTABILITY_CAPABILITIES,
  recordWorkspaceScan,
  registerAccountability,
  withAccountabilityActions,
} from './accountability/register';
import { registerAttribution } from './attribution';

/** Wires the language server onto a connection (IPC from the extension, stdio in tests). */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const configs = new WorkspaceConfigs();
  let state: ServerState = 'starting';
  let backend: string | undefined;
  let jobs: TrainingJobs | undefined;
  let init: InitializationOptions = {};
  let trusted = false;
  const runs = new RunRegistry(() => configs.workspaceFolders());
  let canPullSettings = false;
  let settingsCache: Promise<RmlSettings> | undefined;
  const settings = () => (settingsCache ??= fetchSettings());
  const sendStatus = () =>
    void connection.sendNotification(StatusNotification.type, {
      state: backend && state === 'ready' ? 'training' : state,
      ...published.totals(),
      ...(backend ? { backend } : {}),
    });
  const published = new PublishedFindings(connection, sendStatus);
  const requests = new ScanRequests(configs, settings);
  const configDiagnostics = new ConfigDiagnostics(documents, published, configs);
  published.onPublish((uri, findings) => void configDiagnostics.datasetPublished(uri, findings));
  const pool = new AnalysisPool({
    script: path.join(__dirname, 'analysisWorker.js'),
    size: 2,
    log: (line) => connection.console.warn(line),
  });
  const scanner = new DocumentScanner(connection, documents, requests, published, settings, pool);
  connection.onShutdown(() => pool.dispose());
  const attribution = registerAttribution({
    connection,
    documents,
    published,
    configs,
    runs,
    settings,
    trusted: () => trusted,
    nativeModuleDirs: () => (init.nativeModuleDir ? [init.nativeModuleDir] : []),
  });

  async function fetchSettings(): Promise<RmlSettings> {
    if (!canPullSettings) return withDefaults(undefined);
    return withDefaults(await connection.workspace.getConfiguration({ section: 'responsibleML' }));
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullSettings = Boolean(params.capabilities.workspace?.configuration);
    init = (params.initializationOptions ?? {}) as InitializationOptions;
    jobs = new TrainingJobs({
      connection,
      configs,
      runs,
      settings,
      workerScript: path.join(__dirname, 'trainingWorker.js'),
      nativeModuleDirs: init.nativeModuleDir ? [init.nativeModuleDir] : [],
      onBackend: (current) => {
        backend = current;
        sendStatus();
      },
      onCompleted: (runId) => attribution.runCompleted(runId),
    });
    trusted = init.workspaceTrusted === true;
    jobs.setTrusted(trusted);
    configs.setFolders(
      (params.workspaceFolders ?? [])
        .map((folder) => folder.uri)
        .concat(params.workspaceFolders ? [] : rootUri(params)),
    );
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix'], resolveProvider: true },
        hoverProvider: true,
        ...ACCOUNTABILITY_CAPABILITIES,
      },
      serverInfo: { name: 'Responsible ML', version: process.env['RML_VERSION'] },
    };
  });

  connection.onInitialized(() => {
    if (canPullSettings)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'responsibleML' });
    state = 'ready';
    sendStatus();
    // A broken .rml.json must show from the start, not only once it is edited.
    for (const folder of configs.workspaceFolders()) {
      void configDiagnostics.refresh(URI.file(path.join(folder, CONFIG_FILE_NAME)).toString());
    }
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache = undefined;
    scanner.rescheduleAll();
  });

  connection.onDidChangeWatchedFiles((change) => {
    if (!change.changes.some((event) => event.uri.endsWith(CONFIG_FILE_NAME))) return;
    configs.invalidate();
    scanner.rescheduleAll();
    for (const event of change.changes) void configDiagnostics.refresh(event.uri);
  });

  documents.onDidOpen((event) => scanner.schedule(event.document, 0));
  documents.onDidChangeContent((event) => {
    if (event.document.uri.endsWith(CONFIG_FILE_NAME)) void configDiagnostics.refresh(event.document.uri);
    void settings().then((current) => scanner.schedule(event.document, current.debounceMs));
  });
  documents.onDidClose((event) => void scanner.closed(event.document.uri));

  connection.onCodeAction(async (params) =>
    withAccountabilityActions(
      params.textDocument.uri,
      await codeActions(params, {
        documents,
        published,
        configs,
        formatOf: async (document) => (await scanner.kindForDocument(document))?.format,
      }),
      { documents, requests, configs },
      params,
    ),
  );
  connection.onHover((params) => hover(params, published));

  connection.onRequest(ScanWorkspaceRequest.type, async (params) => {
    state = 'scanning';
    sendStatus();
    try {
      const result = await scanWorkspace(params, {
        connection,
        documents,
        configs,
        scanner,
        requests,
        published,
        settings,
      });
      await recordWorkspaceScan(result, configs.workspaceFolders(), (line) => connection.console.warn(line));
      return result;
    } finally {
      state = 'ready';
      sendStatus();
    }
  });

  connection.onNotification(WorkspaceTrustNotification.type, (params) => {
    trusted = params.trusted;
    jobs?.setTrusted(params.trusted);
  });
  connection.onRequest(DatasetColumnsRequest.type, (params) => datasetColumns(params, documents, configs));
  connection.onRequest(StartTrainingRequest.type, (params) => jobs!.start(params));
  connection.onRequest(CancelTrainingRequest.type, (params) => ({ cancelled: jobs!.cancel(params.runId) }));
  connection.onRequest(ListRunsRequest.type, () => runs.list());
  connection.onRequest(ReadRunRequest.type, (params) => runs.read(params.runId));
  connection.onRequest(RunFileRequest.type, async (params) => ({
    uri: URI.file(await runs.filePath(params.runId, params.file)).toString(),
  }));
  connection.onRequest(ApplyThresholdsRequest.type, (params) => {
    if (!trusted) throw new Error('applying group thresholds runs the model: trust the workspace first');
    return applyThresholds(params, runs, __dirname);
  });
  connection.onRequest(EnableGpuRequest.type, () => enableGpu(connection, init.nativeModuleDir, trusted));

  registerAccountability({ connection, documents, configs, requests, runs });

  documents.listen(connection);
  connection.listen();
}

function rootUri(params: InitializeParams): string[] {
  if (params.rootUri) return [params.rootUri];
  return params.rootPath ? [URI.file(params.rootPath).toString()] : [];
}

import * as vscode from 'vscode';
import { TrainingEventNotification } from '../../shared/protocol';
import type { TrainingEvent } from '../../shared/runs';
import type { RmlContext } from '../context';

/**
 * The server's training events for any number of listeners (run panels, the Runs view, the status bar).
 * The language client keeps one handler per notification method — a second `onNotification` replaces the
 * first — so this registers that one handler per client and fans the events out.
 */
const emitters = new WeakMap<RmlContext['client'], vscode.EventEmitter<TrainingEvent>>();

export function onTrainingEvent(ctx: RmlContext): vscode.Event<TrainingEvent> {
  const existing = emitters.get(ctx.client);
  if (existing) return existing.event;
  const emitter = new vscode.EventEmitter<TrainingEvent>();
  emitters.set(ctx.client, emitter);
  ctx.extension.subscriptions.push(
    emitter,
    ctx.client.onNotification(TrainingEventNotification.type, (event) => emitter.fire(event)),
  );
  return emitter.event;
}

/**
 * The webview side of the host connection: `acquireVsCodeApi` typed with the view's message unions and the
 * state it keeps across reloads. VS Code allows calling `acquireVsCodeApi` once per page.
 */

interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State>(): VsCodeApi<State>;

export interface HostConnection<ToView, FromView, State> {
  post(message: FromView): void;
  /** What the view saved before the panel was hidden or the window reloaded. */
  savedState(): State | undefined;
  save(state: State): void;
  onMessage(handler: (message: ToView) => void): void;
}

export function connectToHost<ToView, FromView, State>(): HostConnection<ToView, FromView, State> {
  const api = acquireVsCodeApi<State>();
  return {
    post: (message) => api.postMessage(message),
    savedState: () => api.getState(),
    save: (state) => api.setState(state),
    onMessage: (handler) => window.addEventListener('message', (event: MessageEvent<ToView>) => handler(event.data)),
  };
}

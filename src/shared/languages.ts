/**
 * The language id of `.prompt`/`.prompty` files. Our own: VS Code 1.100 ships a `prompt` language (Copilot
 * prompt files) whose validator reports the YAML header of a `.prompty` file as errors.
 */
export const PROMPT_LANGUAGE_ID = 'rml-prompt';

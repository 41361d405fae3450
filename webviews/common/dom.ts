/**
 * Building DOM nodes without HTML strings: text goes in as text nodes, so nothing in a run's files (column
 * names, group values, error messages) can ever become markup.
 */

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** A native button, so Enter, Space and Tab work as everywhere else in VS Code. */
export function button(label: string, onClick: () => void, attributes: Attributes = {}): HTMLButtonElement {
  const element = el('button', { type: 'button', ...attributes }, label);
  element.addEventListener('click', onClick);
  return element;
}

export interface TableSpec {
  caption: string;
  headers: string[];
  /** The first cell of each row is its header (`<th scope="row">`). */
  rows: Child[][];
  footer?: Child[][];
  className?: string;
  /** Per-row attributes, e.g. a `class` marking a flagged row. */
  rowAttributes?: (rowIndex: number) => Attributes;
}

function tableRow(cells: Child[], attributes: Attributes = {}): HTMLTableRowElement {
  return el(
    'tr',
    attributes,
    ...cells.map((cell, index) => (index === 0 ? el('th', { scope: 'row' }, cell) : el('td', {}, cell))),
  );
}

export function dataTable(spec: TableSpec): HTMLTableElement {
  return el(
    'table',
    { class: spec.className },
    el('caption', {}, spec.caption),
    el('thead', {}, el('tr', {}, ...spec.headers.map((header) => el('th', { scope: 'col' }, header)))),
    el('tbody', {}, ...spec.rows.map((cells, index) => tableRow(cells, spec.rowAttributes?.(index)))),
    spec.footer ? el('tfoot', {}, ...spec.footer.map((cells) => tableRow(cells))) : null,
  );
}

/** Small DOM helpers: the page is plain TypeScript, no framework. */

export function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found as T;
}

export function setText(id: string, text: string): void {
  element(id).textContent = text;
}

/** A table row of text cells; `data` goes on the row as data-* attributes. */
export function row(cells: (string | Node)[], data: Record<string, string> = {}): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const [key, value] of Object.entries(data)) tr.dataset[key] = value;
  for (const cell of cells) {
    const td = document.createElement('td');
    td.append(cell);
    tr.append(td);
  }
  return tr;
}

export function button(label: string, onClick: () => void, testId?: string): HTMLButtonElement {
  const node = document.createElement('button');
  node.type = 'button';
  node.textContent = label;
  if (testId !== undefined) node.dataset.testid = testId;
  node.addEventListener('click', onClick);
  return node;
}

// Small helpers for building the page's elements without an HTML string in sight: text goes in
// as text, so nothing from a scenario file can become markup.

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** A table with a header row; cells that look like signed amounts are right-aligned and coloured. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): HTMLTableElement {
  const numeric = (s: string) => /^[-+]?[\d\s.,]+(%| RUB| min| s)?$/.test(s);
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', numeric(c) ? { class: `num${c.startsWith('-') ? ' neg' : ''}` } : {}, c))))),
  );
}

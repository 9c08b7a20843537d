/** A message catalogue: nested groups of messages. */
export interface CatalogueShape {
  readonly [key: string]: string | CatalogueShape;
}

/** Every message's dotted key in a catalogue, `overview.powerNow`; a plural's forms count as one key, `history.points`. */
export type MessageKey<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K extends `${infer Base}_${'one' | 'other'}` ? Base : K}` : MessageKey<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** The keys of a catalogue as a flat list, plural forms included (`history.points_one`). */
export function messageKeys(catalogue: CatalogueShape, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : messageKeys(value, `${prefix}${key}.`)));
}

/** The message at a flat key; undefined when there is none. */
export function messageAt(catalogue: CatalogueShape, key: string): string | undefined {
  let node: string | CatalogueShape | undefined = catalogue;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

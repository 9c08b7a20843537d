import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  /** Points (1/72 in): A4 is 595.3 × 841.9. */
  width: number;
  height: number;
  /** The leftmost text on the page, points from its left edge. */
  left: number;
  /** The page's text as lines, top to bottom; the pieces of a line joined by a space. */
  lines: string[];
}

/** The pages of a PDF as Mozilla's pdf.js reads them: size and text lines, as a reader would see them. */
export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  // pdf.js takes a plain Uint8Array, not a Buffer (which playwright gives)
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    // pieces on the same baseline (within a point) make one line; PDF's y grows upwards
    const rows = new Map<number, { x: number; text: string }[]>();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , , , x = 0, y = 0] = item.transform as number[];
      const key = [...rows.keys()].find((known) => Math.abs(known - y) < 1) ?? y;
      rows.set(key, [...(rows.get(key) ?? []), { x, text: item.str.trim() }]);
    }
    const left = Math.min(...[...rows.values()].flat().map((piece) => piece.x));
    const lines = [...rows.entries()].sort(([a], [b]) => b - a).map(([, pieces]) => pieces.sort((a, b) => a.x - b.x).map((piece) => piece.text).join(' '));
    pages.push({ width, height, left, lines });
  }
  await document.destroy();
  return pages;
}

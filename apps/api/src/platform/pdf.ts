import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import anyAscii from 'any-ascii';

/** Documents as PDF with pdfkit (billing's invoices and certificates, re-enrolment packs). */

/*
 * The fonts: DejaVu Sans, embedded (subset) in every PDF. The 14 built-in PDF fonts only know Latin-1, so names
 * such as "Łukasz Żółć", "Nguyễn" or "Ağaoğlu" came out garbled; DejaVu covers Latin Extended, Greek and
 * Cyrillic, and each embedded font carries a ToUnicode map so the text can be searched and copied.
 */
export const REGULAR = 'DejaVuSans';
export const BOLD = 'DejaVuSans-Bold';
const requireFromHere = createRequire(import.meta.url);
let fontData: { regular: Buffer; bold: Buffer } | null = null;
function fonts(): { regular: Buffer; bold: Buffer } {
  fontData ??= {
    regular: fs.readFileSync(requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: fs.readFileSync(requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fontData;
}

/** pdfkit keeps the fontkit font of the current font here; it answers whether a character has a glyph. */
type LoadedFont = { font?: { hasGlyphForCodePoint(codePoint: number): boolean } };

/** Every string of a value, with the characters the font has no glyph for spelt in ASCII (王芳 → WangFang), not boxes. */
function printableStrings<T>(value: T, hasGlyph: (codePoint: number) => boolean): T {
  if (typeof value === 'string') {
    let out = '';
    for (const char of value) {
      out += hasGlyph(char.codePointAt(0) ?? 0) || /\s/.test(char) ? char : anyAscii(char) || '?';
    }
    return out as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => printableStrings(v, hasGlyph)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableStrings(v, hasGlyph)])) as T;
  }
  return value;
}

export function render<T>(content: T, build: (doc: PDFKit.PDFDocument, content: T) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { regular, bold } = fonts();
    // The default font is DejaVu too, so no built-in font is ever referenced (pdfkit takes a font's bytes here;
    // its types say string).
    const info = { Producer: 'Harmonie', Creator: 'Harmonie' };
    const doc = new PDFDocument({ size: 'A4', margin: 50, font: regular as unknown as string, info });
    doc.registerFont(REGULAR, regular);
    doc.registerFont(BOLD, bold);
    doc.font(REGULAR);
    const loaded = (doc as unknown as { _font?: LoadedFont })._font?.font;
    const hasGlyph = loaded ? (codePoint: number) => loaded.hasGlyphForCodePoint(codePoint) : () => true;
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    build(doc, printableStrings(content, hasGlyph));
    doc.end();
  });
}

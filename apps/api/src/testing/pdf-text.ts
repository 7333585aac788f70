import zlib from 'node:zlib';

/*
 * Reads back the text of a PDF written by pdfkit, the way a PDF reader does when one copies or searches it: no PDF
 * parser is installed, and this is the part of one that proves a glyph is there and means the right character.
 * Each embedded (Type0, Identity-H) font maps its 2-byte glyph codes to Unicode through its ToUnicode CMap;
 * the page's content stream selects fonts (`/F1 10 Tf`) and shows glyph codes (`<0012…> Tj`, `[<…> 20 <…>] TJ`).
 */
export type PdfFont = { resource: string; baseFont: string; subtype: string; embedded: boolean; hasToUnicode: boolean };
export type PdfText = { text: string; fonts: PdfFont[] };

type PdfObject = { dict: string; stream: Buffer | null };

function objects(pdf: Buffer): Map<number, PdfObject> {
  const source = pdf.toString('latin1');
  const result = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  for (let match = header.exec(source); match; match = header.exec(source)) {
    const start = match.index + match[0].length;
    const end = source.indexOf('endobj', start);
    const body = source.slice(start, end);
    const streamAt = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (streamAt >= 0 && body.startsWith('<<')) {
      dict = body.slice(0, streamAt);
      const dataStart = start + streamAt + 'stream'.length + (source[start + streamAt + 6] === '\r' ? 2 : 1);
      const dataEnd = source.lastIndexOf('endstream', end);
      const raw = pdf.subarray(dataStart, dataEnd);
      stream = /\/FlateDecode/.test(dict) ? zlib.inflateSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH }) : raw;
    }
    result.set(Number(match[1]), { dict, stream });
  }
  return result;
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** glyph code → text, from a CMap's bfrange (`<0000> <00ff> [<0041> <d835 dc00> …]`, `<a> <b> <u>`) and bfchar. */
function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexText = (hex: string) => {
    const units = hex.replace(/\s+/g, '').match(/.{4}/g) ?? [];
    return String.fromCharCode(...units.map((u) => parseInt(u, 16)));
  };
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const line of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[^>]*>)/g)) {
      const from = parseInt(line[1] ?? '0', 16);
      const to = parseInt(line[2] ?? '0', 16);
      const target = line[3] ?? '';
      if (target.startsWith('[')) {
        [...target.matchAll(/<([^>]*)>/g)].forEach((m, i) => map.set(from + i, hexText(m[1] ?? '')));
      } else {
        const first = hexText(target.slice(1, -1));
        const last = first.charCodeAt(first.length - 1);
        const stem = first.slice(0, -1);
        for (let code = from; code <= to; code += 1) map.set(code, stem + String.fromCharCode(last + code - from));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const line of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) {
      map.set(parseInt(line[1] ?? '0', 16), hexText(line[2] ?? ''));
    }
  }
  return map;
}

/** The text of every page, one line per text-showing operator, and the fonts the pages use. */
export function pdfText(pdf: Buffer): PdfText {
  const objs = objects(pdf);
  const fonts: PdfFont[] = [];
  const cmaps = new Map<string, Map<number, string> | null>();
  const lines: string[] = [];
  for (const [, obj] of objs) {
    if (!/\/Type\s*\/Page\b/.test(obj.dict)) continue;
    const resourcesRef = ref(obj.dict, 'Resources');
    const resources = resourcesRef === null ? obj.dict : (objs.get(resourcesRef)?.dict ?? '');
    const fontBlock = /\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? '';
    for (const [, name, num] of fontBlock.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      if (!name || cmaps.has(name)) continue;
      const font = objs.get(Number(num))?.dict ?? '';
      const toUnicode = ref(font, 'ToUnicode');
      const descendant = /\/DescendantFonts\s*\[\s*(\d+) 0 R/.exec(font)?.[1];
      const fontWithDescriptor = descendant ? (objs.get(Number(descendant))?.dict ?? '') : font;
      const descriptor = ref(fontWithDescriptor, 'FontDescriptor');
      const descriptorDict = descriptor === null ? '' : (objs.get(descriptor)?.dict ?? '');
      fonts.push({
        resource: name,
        baseFont: /\/BaseFont\s*\/([^\s/<>[\]]+)/.exec(font)?.[1] ?? '',
        subtype: /\/Subtype\s*\/(\w+)/.exec(font)?.[1] ?? '',
        embedded: /\/FontFile[23]?\s+\d+ 0 R/.test(descriptorDict),
        hasToUnicode: toUnicode !== null,
      });
      const cmap = toUnicode === null ? null : objs.get(toUnicode)?.stream?.toString('latin1');
      cmaps.set(name, cmap ? parseCMap(cmap) : null);
    }
    const contents = ref(obj.dict, 'Contents');
    const content = contents === null ? '' : (objs.get(contents)?.stream?.toString('latin1') ?? '');
    let current: Map<number, string> | null = null;
    let currentName = '';
    const operators = /\/(\w+)\s+[\d.]+\s+Tf|(\[(?:[^\]]*)\])\s*TJ|(<[0-9a-fA-F]*>)\s*Tj|(\([^)]*\))\s*Tj/g;
    for (const op of content.matchAll(operators)) {
      if (op[1]) {
        currentName = op[1];
        current = cmaps.get(op[1]) ?? null;
        continue;
      }
      if (op[4]) throw new Error(`font ${currentName} shows a literal string: not an embedded Unicode font`);
      if (!current) throw new Error(`font ${currentName} has no ToUnicode map: its text cannot be read back`);
      const hexStrings = [...(op[2] ?? op[3] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1] ?? '');
      const cmap = current;
      const glyph = (code: string) => cmap.get(parseInt(code, 16)) ?? '\uFFFD';
      const decode = (hex: string) => (hex.match(/.{4}/g) ?? []).map(glyph).join('');
      lines.push(hexStrings.map(decode).join(''));
    }
  }
  return { text: lines.join('\n'), fonts };
}

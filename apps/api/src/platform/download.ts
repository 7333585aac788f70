/**
 * Content-Disposition for a file we serve (RFC 6266): always an attachment, so a browser never renders it in our
 * origin, with an ASCII fallback `filename` and the exact UTF-8 name in `filename*` (RFC 8187).
 */
export function attachment(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\%;]/g, '_')
      .trim() || 'file';
  // encodeURIComponent leaves ' ( ) * ! unescaped; RFC 8187's attr-char does not allow them.
  const escape = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, escape);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The name with the extension of what the file really is (its detected type), whatever extension it came with. */
export function withExtension(fileName: string, extension: string): string {
  const stem = fileName.replace(/\.[^./\\]{1,10}$/, '') || 'file';
  return `${stem}.${extension}`;
}

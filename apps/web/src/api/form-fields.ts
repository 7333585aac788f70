/** Which form field shows an API field's error: pure, so that it is tested without a browser. */

/** How a form names the API's fields. */
export interface FieldMapping {
  /** An API field, or an API field's parent ("slots.0"), → the form's field that shows its errors. */
  rename?: Record<string, string>;
  /** The form's fields; unknown (every error placed as named) when not given. */
  fields?: readonly string[];
}

/**
 * The leaf paths of a form's values ("guardian.email", "slots.0.to"). A list of strings is one field (a checkbox
 * group, a multi-select, tags hold their choices so: "roles", not "roles.0"); a list of numbers or of objects has a
 * field per item.
 */
export function leafPaths(values: unknown, prefix = ''): string[] {
  if (values === null || typeof values !== 'object' || values instanceof Date || values instanceof Blob) {
    return prefix ? [prefix] : [];
  }
  if (prefix && Array.isArray(values) && values.every((item) => typeof item === 'string')) return [prefix];
  const entries = Object.entries(values);
  if (!entries.length) return prefix ? [prefix] : [];
  return entries.flatMap(([key, value]) => leafPaths(value, prefix ? `${prefix}.${key}` : key));
}

/**
 * The form field that shows an API field's error, or null when the form has none for it: the API's path
 * ("body.slots[0].endMinute" → "slots.0.endMinute"), renamed when it or a parent is in `rename`; else the field
 * itself, the first field under it (an error on "guardian" goes on "guardian.firstName"), or its nearest parent.
 */
export function formFieldOf(apiField: string, { rename = {}, fields }: FieldMapping = {}): string | null {
  const path = apiField.replace(/\[(\d+)\]/g, '.$1').replace(/^body\./, '');
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const target = rename[parts.slice(0, n).join('.')];
    if (target) return target;
  }
  if (!fields) return path;
  if (fields.includes(path)) return path;
  const under = fields.find((field) => field.startsWith(`${path}.`));
  if (under) return under;
  for (let n = parts.length - 1; n > 0; n -= 1) {
    const parent = parts.slice(0, n).join('.');
    if (fields.includes(parent)) return parent;
  }
  return null;
}

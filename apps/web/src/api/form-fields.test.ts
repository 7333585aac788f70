import { describe, expect, it } from 'vitest';
import { formFieldOf, leafPaths } from './form-fields';

/** The one mapping from a problem's field errors to a form's fields. */
describe('problem fields to form fields', () => {
  const fields = leafPaths({
    guardian: { firstName: '', email: '' },
    slot: { weekday: '3', from: '', to: '' },
    address: { line1: '', city: '' },
    tags: [],
  });

  it('lists the leaf paths of a form’s values', () => {
    expect(fields).toEqual([
      'guardian.firstName',
      'guardian.email',
      'slot.weekday',
      'slot.from',
      'slot.to',
      'address.line1',
      'address.city',
      'tags',
    ]);
  });

  it('takes a list of strings for one field (a checkbox group), a list of numbers or objects for a field per item', () => {
    const values = { roles: ['admin'], discounts: [10, 20], slots: [{ from: '' }] };
    expect(leafPaths(values)).toEqual(['roles', 'discounts.0', 'discounts.1', 'slots.0.from']);
    // the last administrator's roles: said on the roles, not on a first role that has no input of its own
    expect(formFieldOf('roles', { fields: leafPaths(values) })).toBe('roles');
    expect(formFieldOf('roles[0]', { fields: leafPaths(values) })).toBe('roles');
  });

  it('places an error on its field, the first field under it, or its nearest parent', () => {
    expect(formFieldOf('body.guardian.email', { fields })).toBe('guardian.email');
    expect(formFieldOf('guardian', { fields })).toBe('guardian.firstName');
    expect(formFieldOf('address', { fields })).toBe('address.line1');
    expect(formFieldOf('tags[2]', { fields })).toBe('tags');
  });

  it('renames an API field or its parent to the form’s own field', () => {
    const rename = { 'slots.0.endMinute': 'slot.to', slots: 'slot.from', 'student.email': 'guardian.email' };
    expect(formFieldOf('slots[0].endMinute', { fields, rename })).toBe('slot.to');
    expect(formFieldOf('slots.0.startMinute', { fields, rename })).toBe('slot.from');
    expect(formFieldOf('student.email', { fields, rename })).toBe('guardian.email');
  });

  it('says when the form has no field for an error (to show it elsewhere, never to drop it)', () => {
    expect(formFieldOf('student.phone', { fields })).toBeNull();
    expect(formFieldOf('student.phone')).toBe('student.phone');
  });
});

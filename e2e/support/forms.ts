import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** The error message a field shows (Mantine marks it invalid and describes it by its error). */
export async function fieldError(field: Locator): Promise<string> {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).textContent()));
  return texts.join(' ').trim();
}

/** The error message a group of boxes shows (Mantine describes the group by its error; no box is marked invalid). */
export async function groupError(group: Locator): Promise<string> {
  await expect.poll(() => group.getAttribute('aria-describedby')).toBeTruthy();
  const id = (await group.getAttribute('aria-describedby')) ?? '';
  return ((await group.page().locator(`[id="${id}"]`).textContent()) ?? '').trim();
}

/** The message shown in a form's alert (the problem's field errors a form has no field for are listed there). */
export async function alertText(form: Locator): Promise<string> {
  const alert = form.getByRole('alert');
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}

export const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The request form (public or taken on the phone) filled but for the guardian, its slot ending before it starts. */
export async function fillRequestWithBadSlot(page: Page, lastName: string): Promise<void> {
  const student = page.getByRole('group', { name: 'L’élève' });
  await student.getByLabel(/^Prénom/).fill('Basile');
  await student.getByLabel('Nom', { exact: true }).fill(lastName);
  await student.getByLabel(/^Date de naissance/).fill('2015-04-02');
  await page.getByLabel(/^Adresse/).fill('3 rue de la Paix');
  await page.getByLabel(/^Code postal/).fill('69003');
  await page.getByLabel(/^Commune/).fill('Lyon');
  await page.getByLabel(/^De/).fill('16:00');
  await page.getByLabel(/^À/).fill('15:00');
}

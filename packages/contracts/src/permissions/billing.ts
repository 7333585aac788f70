import { definePermissions } from './define.js';

/** Permissions of the billing module: permission → roles that hold it (admin holds all). */
export const BILLING_PERMISSIONS = definePermissions({});

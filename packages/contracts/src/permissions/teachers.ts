import { definePermissions } from './define.js';

/** Permissions of the teachers module: permission → roles that hold it (admin holds all). */
export const TEACHERS_PERMISSIONS = definePermissions({});

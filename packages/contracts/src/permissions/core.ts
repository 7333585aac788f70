import { definePermissions } from './define.js';

/** Permissions of the core module: permission → roles that hold it (admin holds all). */
export const CORE_PERMISSIONS = definePermissions({});

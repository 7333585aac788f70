import { definePermissions } from './define.js';

/** Permissions of the board's register of decisions and the season tariffs (admin holds all). */
export const BOARD_PERMISSIONS = definePermissions({
  /** Read the register of decisions and the seasons' tariffs (the secretariat applies them, accounts bill them). */
  'board.decisions.read': ['board', 'secretariat', 'accounts'],
  /** Record a decision of the board, with its vote, and what it sets (tariffs, links to closures, deferrals). */
  'board.decisions.record': ['board'],
});

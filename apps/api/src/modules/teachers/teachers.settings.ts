import { z } from 'zod';
import { defineSetting } from '../../platform/settings.js';

/** A hard ceiling the setting cannot exceed: the upload is held in memory while its content is checked. */
export const DOCUMENT_MAX_BYTES_CEILING = 20 * 1024 * 1024;

/** The teachers' lifecycle settings (admin can change them; defaults from DOMAIN.md and the seed interview). */
export const SETTINGS = {
  /** A teacher invited to this many past meetings without ever attending is suspended until they attend. */
  meetingsMissedBeforeSuspension: defineSetting(
    'teachers.meetings.missedBeforeSuspension',
    3,
    z.number().int().min(1).max(20),
  ),
  /** Days after a meeting ends before it counts as missed when staff have not recorded attendance yet. */
  meetingsAttendanceGraceDays: defineSetting(
    'teachers.meetings.attendanceGraceDays',
    7,
    z.number().int().min(0).max(60),
  ),
  /** Approvals from staff other than the proposer needed for a definitive exclusion. */
  exclusionApprovals: defineSetting('teachers.suspensions.exclusionApprovals', 2, z.number().int().min(1).max(10)),
  /** This many incidents about a teacher within the window create a "call both sides" task. */
  incidentThreshold: defineSetting('teachers.incidents.threshold', 3, z.number().int().min(1).max(50)),
  incidentWindowDays: defineSetting('teachers.incidents.windowDays', 90, z.number().int().min(1).max(730)),
  /** Active teachers with fewer than minLessons recorded lessons over periodDays are listed for a call. */
  lowActivityPeriodDays: defineSetting('teachers.lowActivity.periodDays', 60, z.number().int().min(7).max(730)),
  lowActivityMinLessons: defineSetting('teachers.lowActivity.minLessons', 4, z.number().int().min(1).max(1000)),
  /** Largest accepted upload (CV, diploma…), in bytes. */
  documentMaxBytes: defineSetting(
    'teachers.documents.maxBytes',
    5 * 1024 * 1024,
    z.number().int().min(1024).max(DOCUMENT_MAX_BYTES_CEILING),
  ),
  /** Public application form: submissions allowed per IP address and hour. */
  applicationsPerIpPerHour: defineSetting('teachers.applications.perIpPerHour', 5, z.number().int().min(1).max(1000)),
} as const;

/** Every setting of the module, as the manifest lists them. */
export const TEACHERS_SETTINGS = Object.values(SETTINGS);

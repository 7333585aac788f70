import { z } from 'zod';
import { registerSetting } from '../../platform/settings.js';

/** The teachers' lifecycle settings (admin can change them; defaults from DOMAIN.md and the seed interview). */
export const SETTINGS = {
  /** A teacher invited to this many past meetings without ever attending is suspended until they attend. */
  meetingsMissedBeforeSuspension: 'teachers.meetings.missedBeforeSuspension',
  /** Days after a meeting ends before it counts as missed when staff have not recorded attendance yet. */
  meetingsAttendanceGraceDays: 'teachers.meetings.attendanceGraceDays',
  /** Approvals from staff other than the proposer needed for a definitive exclusion. */
  exclusionApprovals: 'teachers.suspensions.exclusionApprovals',
  /** This many incidents about a teacher within the window create a "call both sides" task. */
  incidentThreshold: 'teachers.incidents.threshold',
  incidentWindowDays: 'teachers.incidents.windowDays',
  /** Active teachers with fewer than minLessons recorded lessons over periodDays are listed for a call. */
  lowActivityPeriodDays: 'teachers.lowActivity.periodDays',
  lowActivityMinLessons: 'teachers.lowActivity.minLessons',
  /** Largest accepted upload (CV, diploma…), in bytes. */
  documentMaxBytes: 'teachers.documents.maxBytes',
  /** Public application form: submissions allowed per IP address and hour. */
  applicationsPerIpPerHour: 'teachers.applications.perIpPerHour',
} as const;

/** A hard ceiling the setting cannot exceed: the upload is held in memory while its content is checked. */
export const DOCUMENT_MAX_BYTES_CEILING = 20 * 1024 * 1024;

registerSetting(SETTINGS.meetingsMissedBeforeSuspension, 3, z.number().int().min(1).max(20));
registerSetting(SETTINGS.meetingsAttendanceGraceDays, 7, z.number().int().min(0).max(60));
registerSetting(SETTINGS.exclusionApprovals, 2, z.number().int().min(1).max(10));
registerSetting(SETTINGS.incidentThreshold, 3, z.number().int().min(1).max(50));
registerSetting(SETTINGS.incidentWindowDays, 90, z.number().int().min(1).max(730));
registerSetting(SETTINGS.lowActivityPeriodDays, 60, z.number().int().min(7).max(730));
registerSetting(SETTINGS.lowActivityMinLessons, 4, z.number().int().min(1).max(1000));
registerSetting(SETTINGS.documentMaxBytes, 5 * 1024 * 1024, z.number().int().min(1024).max(DOCUMENT_MAX_BYTES_CEILING));
registerSetting(SETTINGS.applicationsPerIpPerHour, 5, z.number().int().min(1).max(1000));

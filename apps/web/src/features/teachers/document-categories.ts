export const DOCUMENT_CATEGORY_VALUES = ['diploma', 'certificate', 'id', 'cv', 'other'] as const;
export const APPLICATION_STATUS_VALUES = [
  'new',
  'called',
  'interview_done',
  'accepted',
  'declined',
  'withdrawn',
] as const;

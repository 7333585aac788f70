import { Anchor, Button, Checkbox, Group, List, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/use-me';
import { listUsers, USERS_KEY } from '../users/api';
import { hasAnyRole } from '../../ui/nav';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { splitProblem } from '../../api/form-errors';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import {
  createSchool,
  getSchool,
  listSeasons,
  schoolsKeys,
  setSchoolStaff,
  updateSchool,
  type SchoolView,
} from './api';
import { SchoolForm } from './SchoolForm';
import { SCHOOLS_ACCESS } from './schools-access';
import { SCHOOLS_NS } from './schools-i18n';

/** /office/schools/new: the director creates a school with its rooms. */
export function NewSchoolPage() {
  const { t } = useTranslation(SCHOOLS_NS);
  const navigate = useNavigate();
  const client = useQueryClient();
  return (
    <Stack>
      <PageTitle>{t('schools.new')}</PageTitle>
      <SchoolForm
        success={t('schools.created')}
        onSave={async (body) => {
          const school = await createSchool(body);
          await client.invalidateQueries({ queryKey: schoolsKeys.schools });
          await navigate(`/office/schools/${school.id}`);
        }}
      />
    </Stack>
  );
}

/** Which secretariat accounts work for the school (none: the whole network's secretariat). */
function StaffSection({ school }: { school: SchoolView }) {
  const { t } = useTranslation(SCHOOLS_NS);
  const client = useQueryClient();
  const users = useQuery({ queryKey: USERS_KEY, queryFn: listUsers });
  const [chosen, setChosen] = useState<string[]>(school.staffUserIds);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const secretaries = (users.data ?? []).filter((u) => u.roles.includes('secretariat') && u.status !== 'disabled');
  // an account that is no longer the secretariat's ("userIds.1") is said on the group of boxes
  const problem = splitProblem(error, { fields: ['userIds'] });
  const save = async () => {
    setError(null);
    setPending(true);
    try {
      const saved = await setSchoolStaff(school.id, chosen);
      client.setQueryData(schoolsKeys.school(school.id), saved);
      notify(t('schools.staffSaved'));
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <Section title={t('schools.staff')}>
      {!users.data ? (
        <QueryFallback error={users.error} asPage={false} />
      ) : (
        <Stack>
          <Text size="sm">{t('schools.staffHint')}</Text>
          {secretaries.length === 0 ? (
            <Text c="dimmed">{t('schools.staffNone')}</Text>
          ) : (
            <Checkbox.Group
              label={t('schools.staff')}
              value={chosen}
              onChange={setChosen}
              error={problem.errors.userIds}
            >
              <Stack gap="xs" mt="xs">
                {secretaries.map((u) => (
                  <Checkbox key={u.id} value={u.id} label={`${u.displayName} (${u.email})`} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <ProblemAlert error={problem.alert} />
          <Group>
            <Button variant="default" loading={pending} onClick={() => void save()}>
              {t('schools.saveStaff')}
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}

/** The school's season calendars (each printable, with its iCal feed). */
function CalendarsSection({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation(SCHOOLS_NS);
  const seasons = useQuery({ queryKey: schoolsKeys.seasons, queryFn: listSeasons });
  return (
    <Section title={t('schools.calendars')}>
      {!seasons.data ? (
        <QueryFallback error={seasons.error} asPage={false} />
      ) : seasons.data.length === 0 ? (
        <Text c="dimmed">{t('seasons.empty')}</Text>
      ) : (
        <List>
          {seasons.data.map((s) => (
            <List.Item key={s.id}>
              <Anchor component={Link} to={`/office/schools/${schoolId}/calendar/${s.id}`}>
                {t('schools.calendarOf', { season: s.name })}
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
    </Section>
  );
}

/** /office/schools/:id: a school's details; the director edits them and who works for it. */
export function SchoolPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(SCHOOLS_NS);
  const me = useCurrentUser();
  const client = useQueryClient();
  const query = useQuery({ queryKey: schoolsKeys.school(id), queryFn: () => getSchool(id) });
  const mayConfigure = hasAnyRole(me.roles, SCHOOLS_ACCESS.configure);
  if (!query.data) return <QueryFallback error={query.error} />;
  const school = query.data;
  return (
    <Stack>
      <PageTitle>{t('schools.editTitle', { name: school.name })}</PageTitle>
      <SchoolForm
        key={school.version}
        school={school}
        readOnly={!mayConfigure}
        success={t('schools.saved')}
        onSave={async (body) => {
          const saved = await updateSchool(id, { ...body, version: school.version });
          client.setQueryData(schoolsKeys.school(id), saved);
          await client.invalidateQueries({ queryKey: schoolsKeys.schools, exact: true });
        }}
      />
      {mayConfigure ? <StaffSection key={`staff-${school.version}`} school={school} /> : null}
      <CalendarsSection schoolId={id} />
    </Stack>
  );
}

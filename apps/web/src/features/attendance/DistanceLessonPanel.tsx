import { Anchor, Badge, Button, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../ui/format';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { DISTANCE_NS } from './distance-i18n';
import * as api from './distance-api';

type Props = { courseId: string; date: string; expected: string[]; names: Map<string, string> };

/** The form to post a distance lesson's material: instructions, a link, to the class or one student. */
function PostForm({ courseId, date, expected, names, onDone }: Props & { onDone: () => void }) {
  const { t } = useTranslation(DISTANCE_NS);
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [link, setLink] = useState('');
  const [studentId, setStudentId] = useState('');
  const post = useMutation({
    mutationFn: () =>
      api.postMaterial(courseId, date, { text: text || null, link: link || null, studentId: studentId || null }),
    onSuccess: (updated) => {
      client.setQueryData(api.distanceKeys.lesson(courseId, date), updated);
      notify(t('sent'));
      onDone();
    },
  });
  return (
    <Stack
      component="form"
      gap="xs"
      aria-label={t('postTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        post.mutate();
      }}
    >
      <Textarea label={t('text')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={3} />
      <TextInput
        label={t('link')}
        description={t('linkHint')}
        type="url"
        value={link}
        onChange={(e) => setLink(e.currentTarget.value)}
      />
      <NativeSelect
        label={t('to')}
        value={studentId}
        data={[
          { value: '', label: t('everyone') },
          ...expected.map((id) => ({ value: id, label: names.get(id) ?? id })),
        ]}
        onChange={(e) => setStudentId(e.currentTarget.value)}
      />
      {post.error ? <ProblemAlert error={post.error} /> : null}
      <Group gap="xs">
        <Button type="submit" loading={post.isPending}>
          {t('send')}
        </Button>
        <Button variant="default" onClick={onDone}>
          {t('cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A distance lesson on the teacher's sheet: post its material, and see who said "ok". */
export function DistanceLessonPanel(props: Props) {
  const { t } = useTranslation(DISTANCE_NS);
  const [open, setOpen] = useState(false);
  const query = useQuery({
    queryKey: api.distanceKeys.lesson(props.courseId, props.date),
    queryFn: () => api.distanceLesson(props.courseId, props.date),
  });
  const lesson = query.data;
  if (!lesson) return query.error ? <ProblemAlert error={query.error} /> : null;
  return (
    <Stack gap="xs">
      {lesson.materials.length === 0 ? <Text size="sm">{t('none')}</Text> : null}
      {lesson.materials.map((m) => {
        const ok = m.acks.filter((a) => a.state === 'acknowledged').length;
        return (
          <Stack key={m.id} gap={4}>
            <Text size="sm" fw={600}>
              {t('materials')} {m.studentId ? t('forOne', { name: props.names.get(m.studentId) ?? '' }) : t('forAll')} —{' '}
              {t('acks', { ok, total: m.acks.length })}, {t('until', { date: formatDate(m.ackUntil) })}
            </Text>
            {m.text ? (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {m.text}
              </Text>
            ) : null}
            {m.link ? (
              <Anchor href={m.link} target="_blank" rel="noreferrer" size="sm">
                {m.link}
              </Anchor>
            ) : null}
            <Stack gap={2} component="ul" m={0} pl="md">
              {m.acks.map((a) => (
                <Group key={a.studentId} component="li" gap="xs">
                  <Text size="sm">{a.studentName}</Text>
                  <Badge
                    variant="light"
                    c="dark.9"
                    color={a.state === 'acknowledged' ? 'green' : a.state === 'expired' ? 'red' : 'gray'}
                  >
                    {a.state === 'acknowledged' && a.acknowledgedAt
                      ? t('okOn', { date: formatDateTime(a.acknowledgedAt) })
                      : t(`states.${a.state}`)}
                  </Badge>
                </Group>
              ))}
            </Stack>
          </Stack>
        );
      })}
      {lesson.canPost && !open ? (
        <Group>
          <Button variant="light" onClick={() => setOpen(true)}>
            {t('post')}
          </Button>
        </Group>
      ) : null}
      {open ? <PostForm {...props} onDone={() => setOpen(false)} /> : null}
    </Stack>
  );
}

import { useId } from 'react';
import { LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LeadTimeSeries } from '@contracts';
import { AGENCY_NS } from './agency-i18n';

export interface LeadTimesChartProps {
  requestToHandover: LeadTimeSeries;
  handoverToFirstLesson: LeadTimeSeries;
}

/** Months present in either series, oldest first, with each series' median (null where a month has none). */
export function leadTimeRows({ requestToHandover, handoverToFirstLesson }: LeadTimesChartProps) {
  const months = [
    ...new Set([...requestToHandover.byMonth, ...handoverToFirstLesson.byMonth].map((m) => m.month)),
  ].sort();
  return months.map((month) => ({
    month,
    requestToHandover: requestToHandover.byMonth.find((m) => m.month === month)?.medianDays ?? null,
    handoverToFirstLesson: handoverToFirstLesson.byMonth.find((m) => m.month === month)?.medianDays ?? null,
  }));
}

/**
 * The monthly medians as a line chart. Loaded in its own chunk (recharts is heavy) only when the dashboard
 * shows it. The drawing is one labelled image for assistive technology; the table beside it has the numbers.
 */
export function LeadTimesChart(props: LeadTimesChartProps) {
  const { t } = useTranslation(AGENCY_NS);
  const captionId = useId();
  const rows = leadTimeRows(props);
  const median = (v: number | null) => (v === null ? '—' : String(v));
  const summary = t('dashboard.chartSummary', {
    months: rows.length,
    requestToHandover: median(props.requestToHandover.medianDays),
    handoverToFirst: median(props.handoverToFirstLesson.medianDays),
  });
  return (
    <Box component="figure" m={0} aria-labelledby={captionId}>
      <div role="img" aria-label={summary}>
        <LineChart
          h={220}
          data={rows}
          dataKey="month"
          connectNulls
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          unit={t('dashboard.dayUnit')}
          // Recharts' keyboard layer would put a focusable element inside the image; the table is the accessible form.
          lineChartProps={{ accessibilityLayer: false }}
          series={[
            { name: 'requestToHandover', label: t('dashboard.requestToHandover'), color: 'blue.9' },
            // Dashed as well as coloured: the two lines stay apart without colour vision.
            {
              name: 'handoverToFirstLesson',
              label: t('dashboard.handoverToFirst'),
              color: 'orange.9',
              strokeDasharray: '6 4',
            },
          ]}
        />
      </div>
      <Text component="figcaption" id={captionId} size="sm" mt="xs">
        {t('dashboard.chartCaption')}
      </Text>
    </Box>
  );
}

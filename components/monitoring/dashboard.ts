import type { AlarmSpec, MetricSpec } from "./alarms.js";

/** An alarm once its dimensions are known: what the dashboard draws. */
export type ResolvedAlarm = Omit<AlarmSpec, "query"> & {
  query: { kind: "metric"; metric: MetricSpec<string> } | { kind: "math"; expression: string; label: string; metrics: MetricSpec<string>[] };
};

const WIDGET = { width: 8, height: 6, perRow: 3 };

/** A metric line in CloudWatch's dashboard syntax: namespace, name, dimension pairs, then its rendering. */
function metricLine(metric: MetricSpec<string>, options: Record<string, unknown>): unknown[] {
  return [metric.namespace, metric.metricName, ...Object.entries(metric.dimensions).flat(), { stat: metric.stat, period: metric.period, ...options }];
}

/**
 * The phase's dashboard body (CloudWatch's dashboard JSON): one graph per alarm, in the alarm's region, drawing the
 * same metric or metric math with the alarm's threshold as a line, grouped by signal in the order given.
 */
export function dashboardBody(title: string, alarms: ResolvedAlarm[]): string {
  const widgets = [
    { type: "text", x: 0, y: 0, width: WIDGET.width * WIDGET.perRow, height: 1, properties: { markdown: `# ${title}` } },
    ...alarms.map((alarm, index) => {
      const { query } = alarm;
      const metrics =
        query.kind === "metric"
          ? [metricLine(query.metric, { label: alarm.title })]
          : [[{ expression: query.expression, label: query.label, id: "e0" }], ...query.metrics.map((metric, i) => metricLine(metric, { id: `m${i}`, visible: false }))];
      return {
        type: "metric",
        x: (index % WIDGET.perRow) * WIDGET.width,
        y: 1 + Math.floor(index / WIDGET.perRow) * WIDGET.height,
        width: WIDGET.width,
        height: WIDGET.height,
        properties: {
          title: alarm.title,
          region: alarm.region,
          view: "timeSeries",
          metrics,
          annotations: { horizontal: [{ label: "alarm", value: alarm.threshold }] },
        },
      };
    }),
  ];
  return JSON.stringify({ widgets });
}

import { trace } from "@opentelemetry/api";

/** pino `mixin`: the active span's trace and span ids on each log line, so that a log line leads to its trace. */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  return span === undefined ? {} : { trace_id: span.traceId, span_id: span.spanId };
}

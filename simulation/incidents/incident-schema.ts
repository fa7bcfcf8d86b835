// The incident-log import format (rivertwin.incidents/1): four kinds of row — sensor readings, rain gauge series,
// work orders (工单) and road closures — with every column, its meaning and unit in one table, and the TypeBox (JSON
// Schema) definition of an NDJSON row built from it. CSV files use the same column names.
import { Type, type TSchema } from '@sinclair/typebox';

/** The kinds of row a log holds. */
export const INCIDENT_ROW_TYPES = ['reading', 'rain', 'order', 'closure'] as const;
export type IncidentRowType = (typeof INCIDENT_ROW_TYPES)[number];

/** What a column holds: free text or an id, a number, an ISO 8601 time with offset, a boolean, or one of a list. */
export type ColumnKind = 'text' | 'number' | 'time' | 'boolean' | 'enum';

/** One column of a row type. */
export interface ColumnDef {
  name: string;
  kind: ColumnKind;
  /** Required on every row of the type (either-or requirements are checked by the parser and said here). */
  required: boolean;
  description: string;
  /** The values an 'enum' column takes (matched case-insensitively). */
  values?: readonly string[];
}

/** Units a reading may carry: depths and levels in m, cm or mm; rain in mm (per interval) or mm/h. */
export const READING_UNITS = ['m', 'cm', 'mm', 'mm/h'] as const;
/** Units of a rain gauge row. */
export const RAIN_UNITS = ['mm', 'mm/h'] as const;
/** Where a work order came from: a sensor alarm, the 12345 hotline (citizens), or a patrol. */
export const ORDER_SOURCES = ['sensor', 'hotline', '12345', 'patrol'] as const;
/** What a closure row says happened to the road. */
export const CLOSURE_ACTIONS = ['closed', 'reopened'] as const;

const PLACE = 'WGS84 degrees (EPSG:4326)';
const TIME = 'ISO 8601 with a UTC offset, e.g. 2024-09-20T07:05:00+08:00';

/** Columns every row may carry. */
export const COMMON_COLUMNS: readonly ColumnDef[] = [
  {
    name: 'type',
    kind: 'enum',
    required: false,
    values: INCIDENT_ROW_TYPES,
    description: 'reading, rain, order or closure; a CSV without it is told by its header (see README)',
  },
  {
    name: 'reconstructed',
    kind: 'boolean',
    required: false,
    description: 'true when the row was reconstructed (from a published account), not exported; default false',
  },
  { name: 'note', kind: 'text', required: false, description: 'free text, kept with the row' },
];

/** The columns of each row type. */
export const ROW_COLUMNS: Record<IncidentRowType, readonly ColumnDef[]> = {
  reading: [
    { name: 'sensor_id', kind: 'text', required: false, description: 'a sensor id of the district (or give lon/lat)' },
    { name: 'lon', kind: 'number', required: false, description: `the sensor's longitude, ${PLACE}` },
    { name: 'lat', kind: 'number', required: false, description: `the sensor's latitude, ${PLACE}` },
    { name: 'time', kind: 'time', required: true, description: `when it was read, ${TIME}` },
    { name: 'value', kind: 'number', required: true, description: 'the reading, in `unit`' },
    {
      name: 'unit',
      kind: 'enum',
      required: true,
      values: READING_UNITS,
      description:
        'm (river stage in the district datum, or water depth), cm or mm (depth); mm or mm/h for a rain gauge',
    },
  ],
  rain: [
    { name: 'gauge_id', kind: 'text', required: false, description: 'a rain gauge id (or give lon/lat)' },
    { name: 'lon', kind: 'number', required: false, description: `the gauge's longitude, ${PLACE}` },
    { name: 'lat', kind: 'number', required: false, description: `the gauge's latitude, ${PLACE}` },
    { name: 'time', kind: 'time', required: true, description: `end of the interval the value covers, ${TIME}` },
    { name: 'value', kind: 'number', required: true, description: 'rain over the interval, in `unit` (≥ 0)' },
    {
      name: 'unit',
      kind: 'enum',
      required: true,
      values: RAIN_UNITS,
      description:
        "mm fallen in the interval, or its mean rate in mm/h; the interval runs from the gauge's previous row",
    },
  ],
  order: [
    { name: 'order_id', kind: 'text', required: true, description: 'the work order (工单) number, unique in the log' },
    { name: 'reported_at', kind: 'time', required: true, description: `when it was reported (发现), ${TIME}` },
    { name: 'lon', kind: 'number', required: false, description: `where, ${PLACE}` },
    { name: 'lat', kind: 'number', required: false, description: `where, ${PLACE}` },
    { name: 'hotspot_id', kind: 'text', required: false, description: 'a hotspot id of the district' },
    {
      name: 'road',
      kind: 'text',
      required: false,
      description: 'the road name, as in the road data (Chinese or English)',
    },
    { name: 'osm_way_id', kind: 'text', required: false, description: 'the OpenStreetMap way id of the road' },
    {
      name: 'source',
      kind: 'enum',
      required: true,
      values: ORDER_SOURCES,
      description: 'sensor (an alarm), hotline or 12345 (a citizen call), patrol',
    },
    { name: 'sensor_id', kind: 'text', required: false, description: 'the sensor whose alarm opened it' },
    { name: 'dispatched_at', kind: 'time', required: false, description: `a crew was sent (派单), ${TIME}` },
    { name: 'arrived_at', kind: 'time', required: false, description: `the crew arrived (到场), ${TIME}` },
    { name: 'cleared_at', kind: 'time', required: false, description: `the water was cleared (处置完毕), ${TIME}` },
    { name: 'closed_at', kind: 'time', required: false, description: `the order was closed (结案), ${TIME}` },
    { name: 'truck', kind: 'text', required: false, description: 'the pump truck (a fleet id such as T03) or crew' },
    { name: 'depth_cm', kind: 'number', required: false, description: 'water depth reported (cm)' },
  ],
  closure: [
    { name: 'time', kind: 'time', required: true, description: `when, ${TIME}` },
    { name: 'action', kind: 'enum', required: true, values: CLOSURE_ACTIONS, description: 'closed or reopened' },
    { name: 'road', kind: 'text', required: false, description: 'the road name, as in the road data' },
    { name: 'osm_way_id', kind: 'text', required: false, description: 'the OpenStreetMap way id (or give road)' },
    {
      name: 'reason',
      kind: 'text',
      required: false,
      description: 'depth, underpassFlooded, fallenTree, policeCordon or other (积水, 下立交积水, 倒树, 交通管制 too)',
    },
  ],
};

const ISO_OFFSET = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})$';

function columnSchema(c: ColumnDef): TSchema {
  const opts = { description: c.description };
  switch (c.kind) {
    case 'number':
      return Type.Union([Type.Number(), Type.String()], opts);
    case 'time':
      return Type.String({ ...opts, pattern: ISO_OFFSET });
    case 'boolean':
      return Type.Union([Type.Boolean(), Type.Literal('true'), Type.Literal('false')], opts);
    case 'enum':
      return Type.Union(
        (c.values ?? []).map((v) => Type.Literal(v)),
        opts,
      );
    default:
      return Type.Union([Type.String(), Type.Number()], opts);
  }
}

function rowSchema(type: IncidentRowType): TSchema {
  const props: Record<string, TSchema> = { type: Type.Literal(type) };
  for (const c of [...COMMON_COLUMNS.slice(1), ...ROW_COLUMNS[type]]) {
    const s = columnSchema(c);
    props[c.name] = c.required ? s : Type.Optional(Type.Union([s, Type.Null()]));
  }
  return Type.Object(props, { title: `${type} row` });
}

/** One NDJSON row of an incident log (rivertwin.incidents/1), told apart by `type`. */
export const IncidentRowSchema = Type.Union(
  INCIDENT_ROW_TYPES.map((t) => rowSchema(t)),
  {
    $id: 'https://rivertwin.example/schemas/incident-row.schema.json',
    title: 'rivertwin incident log row (rivertwin.incidents/1)',
    description: 'One line of an NDJSON incident log; a CSV row has the same columns. Other fields are ignored.',
  },
);

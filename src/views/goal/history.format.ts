import { DateTime } from 'luxon';
import type { GoalLevel, GoalVisibility } from '../../domain/goal';
import type { GoalChange, GoalEvent, HistoryField } from '../../domain/goal-history';
import { escapeMrkdwn, truncate } from '../blocks';
import { CATEGORY_LABELS, STATUS_LABELS } from '../format';
import { mention } from '../people/people.format';
import { formatValue, type GoalViewContext, LEVEL_LABELS, shortDate, VISIBILITY_LABELS } from './goal.format';

// A goal's history in words: who, when, what changed, and their note.

const quoted = (text: string) => `“${escapeMrkdwn(truncate(text, 80))}”`;

const FIELD_LABELS: Record<HistoryField, string> = {
  title: 'Title',
  description: 'Description',
  category: 'Category',
  level: 'Level',
  visibility: 'Visibility',
  targetDate: 'Target date',
  weight: 'Weight',
  parent: 'Alignment',
  status: 'Status',
  progress: 'Progress',
};

function fieldValue(field: HistoryField, value: string | number | null, titles: ReadonlyMap<string, string>): string {
  if (value === null) return field === 'parent' ? 'none' : '–';
  const text = String(value);
  switch (field) {
    case 'title':
      return quoted(text);
    case 'category':
      return CATEGORY_LABELS[text as keyof typeof CATEGORY_LABELS] ?? text;
    case 'level':
      return LEVEL_LABELS[text as GoalLevel] ?? text;
    case 'visibility':
      return VISIBILITY_LABELS[text as GoalVisibility] ?? text;
    case 'status':
      return STATUS_LABELS[text as keyof typeof STATUS_LABELS] ?? text;
    case 'targetDate':
      return shortDate(text);
    case 'progress':
      return `${Math.floor(Number(value))}%`;
    case 'parent': {
      const title = titles.get(text);
      return title ? quoted(title) : 'a goal you can’t see';
    }
    default:
      return escapeMrkdwn(text);
  }
}

const KR_FIELD_LABELS = { title: 'title', kind: 'kind', start: 'start', target: 'target', unit: 'unit', weight: 'weight' } as const;

/**
 * One change in words. `titles`: goals the reader may see, by id, to name the goals of an alignment
 * change; without them it only says the alignment changed.
 */
export function describeChange(change: GoalChange, titles?: ReadonlyMap<string, string>): string {
  switch (change.type) {
    case 'field':
      if (change.field === 'description') return 'Description changed';
      if (change.field === 'parent' && !titles) return 'Alignment changed';
      return `${FIELD_LABELS[change.field]} ${fieldValue(change.field, change.from, titles ?? new Map())} → ${fieldValue(change.field, change.to, titles ?? new Map())}`;
    case 'kr_value':
      return `${quoted(change.title)} ${formatValue(change, change.from)} → ${formatValue(change, change.to)}`;
    case 'kr_added':
      return `Added key result ${quoted(change.title)}`;
    case 'kr_removed':
      return `Removed key result ${quoted(change.title)}`;
    case 'kr_edited':
      return `Changed key result ${quoted(change.title)} (${change.changes
        .map(({ field, from, to }) => (field === 'title' ? 'title' : `${KR_FIELD_LABELS[field]} ${from ?? '–'} → ${to ?? '–'}`))
        .join(', ')})`;
  }
}

const HEADLINES: Record<GoalEvent['kind'], string> = {
  created: 'created the goal',
  edited: 'edited the goal',
  progress: 'updated progress',
  aligned: 'changed the alignment',
};

function when(at: DateTime, context: GoalViewContext): string {
  const local = at.setZone(context.zone);
  const sameYear = local.year === DateTime.fromISO(context.today).year;
  return local.toFormat(sameYear ? 'd LLL, HH:mm' : 'd LLL yyyy, HH:mm', { locale: 'en-GB' });
}

/**
 * One history entry: who, when, what changed, and their note. `compact` keeps it to a line for
 * lists: the first changes only and no note.
 */
export function historyLine(event: GoalEvent, context: GoalViewContext, titles?: ReadonlyMap<string, string>, compact = false): string {
  const who = !event.actor ? 'Someone no longer here' : event.actor.id === context.viewerId ? 'You' : mention(event.actor);
  const all = event.changes.map((change) => describeChange(change, titles));
  const shown = compact ? all.slice(0, 2) : all;
  const more = all.length > shown.length ? `; and ${all.length - shown.length} more` : '';
  const line = `*${who}* ${HEADLINES[event.kind]} · ${when(event.at, context)}${shown.length > 0 ? `: ${shown.join('; ')}${more}` : ''}`;
  if (!event.note || compact) return line;
  return `${line}\n${escapeMrkdwn(truncate(event.note, 500))
    .split('\n')
    .map((text) => `> ${text}`)
    .join('\n')}`;
}

import { z } from 'zod';
import type { CheckinSubmission, CheckinSubmitField } from '../../services/checkin.service';
import { CheckinBlock, checkinGoalBlock, checkinKeyResultBlock } from '../ids';
import { readFormState } from '../state';
import { KEY_RESULT_DONE } from '../goal/update.modal';
import { type CheckinGoalRef, type CheckinMetadata } from './checkin.modal';

/**
 * Reads the check-in form's state, with each goal the metadata says it showed; rules are the
 * domain's job (validateCheckin, validateProgress).
 */
export function parseCheckinState(values: unknown, goals: readonly CheckinGoalRef[] = []): CheckinSubmission {
  const state = readFormState(values);
  return {
    wins: state.text(CheckinBlock.Wins),
    blockers: state.text(CheckinBlock.Blockers),
    confidence: state.option(CheckinBlock.Confidence),
    mood: state.option(CheckinBlock.Mood),
    moodShared: state.options(CheckinBlock.MoodShared).length > 0,
    goals: goals.map((goal) => ({
      goalId: goal.id,
      input: {
        status: state.option(checkinGoalBlock(goal.id, 'status')),
        note: state.text(checkinGoalBlock(goal.id, 'note')),
        values: goal.keyResults.map(({ id, yesNo }) => ({
          keyResultId: id,
          // A checkbox left empty is an answer (not done); an empty number field would be refused.
          value: yesNo ? (state.options(checkinKeyResultBlock(id)).includes(KEY_RESULT_DONE) ? '1' : '0') : (state.text(checkinKeyResultBlock(id)) ?? ''),
        })),
        ...(goal.percent ? { percent: state.text(checkinGoalBlock(goal.id, 'percent')) ?? '' } : {}),
      },
    })),
  };
}

const metadataSchema = z.object({
  period: z.iso.date(),
  goals: z.array(z.object({ id: z.uuid(), keyResults: z.array(z.object({ id: z.uuid(), yesNo: z.boolean() })).max(10), percent: z.boolean().optional() })).max(20),
  origin: z.object({ channel: z.string().min(1).max(64), ts: z.string().min(1).max(64) }).optional(),
});

/** The form's private_metadata; undefined when it is not ours (a crafted request, an old form). */
export function parseCheckinMetadata(text: string | undefined): CheckinMetadata | undefined {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(text ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const fieldBlocks: Record<Exclude<CheckinSubmitField, `goal.${string}`>, string> = {
  wins: CheckinBlock.Wins,
  blockers: CheckinBlock.Blockers,
  confidence: CheckinBlock.Confidence,
  mood: CheckinBlock.Mood,
  // A period that ended is reported at the top of the form.
  period: CheckinBlock.Wins,
};

const GOAL_KEY = /^goal\.([^.]+)\.(status|note|percent|kr\.(.+))$/;

/** Where each error shows: beside its field, or beside the goal's own input for a goal's error. */
export function checkinErrorBlocks(errors: Partial<Record<CheckinSubmitField, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    if (!message) continue;
    const goal = GOAL_KEY.exec(key);
    if (goal?.[1] && goal[2]) {
      const keyResultId = goal[3];
      const field = goal[2] === 'note' || goal[2] === 'percent' ? goal[2] : 'status';
      out[keyResultId ? checkinKeyResultBlock(keyResultId) : checkinGoalBlock(goal[1], field)] = message;
    } else if (key in fieldBlocks) {
      out[fieldBlocks[key as keyof typeof fieldBlocks]] = message;
    }
  }
  return out;
}

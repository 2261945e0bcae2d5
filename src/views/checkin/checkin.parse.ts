import { z } from 'zod';
import type { CheckinInput } from '../../domain/checkin';
import type { CheckinSubmitField } from '../../services/checkin.service';
import { CheckinBlock } from '../ids';
import { readFormState } from '../state';
import type { CheckinMetadata } from './checkin.modal';

/** Reads the check-in form's state; rules are the domain's job (validateCheckin). */
export function parseCheckinState(values: unknown): CheckinInput {
  const state = readFormState(values);
  return {
    wins: state.text(CheckinBlock.Wins),
    blockers: state.text(CheckinBlock.Blockers),
    confidence: state.option(CheckinBlock.Confidence),
    mood: state.option(CheckinBlock.Mood),
    moodShared: state.options(CheckinBlock.MoodShared).length > 0,
  };
}

const metadataSchema = z.object({
  period: z.iso.date(),
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

/** Where each field's error shows; a period that ended is reported at the top of the form. */
export const checkinFieldBlocks: Record<CheckinSubmitField, string> = {
  wins: CheckinBlock.Wins,
  blockers: CheckinBlock.Blockers,
  confidence: CheckinBlock.Confidence,
  mood: CheckinBlock.Mood,
  period: CheckinBlock.Wins,
};

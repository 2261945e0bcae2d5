import { z } from 'zod';

/** The shape asked of the model (kept to what strict structured outputs accept). */
export const modelDraftSchema = z.object({
  sections: z.array(
    z.object({
      key: z.string(),
      sentences: z.array(z.object({ text: z.string(), citations: z.array(z.string()) })),
    }),
  ),
});

/** What is accepted from it: the same, with the limits a reader's screen and Slack impose. */
export const acceptedDraftSchema = z.object({
  sections: z
    .array(
      z.object({
        key: z.string().min(1).max(64),
        sentences: z
          .array(z.object({ text: z.string().trim().min(1).max(600), citations: z.array(z.string().max(200)).max(8) }))
          .max(12),
      }),
    )
    .max(12),
});

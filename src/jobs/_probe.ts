import { z } from 'zod';
import { defineJob } from './job-definition';
const s = z.object({ scope: z.enum(['all', 'none']), n: z.number().default(3) });
export const d = defineJob({ name: 'a', queue: 'default', schema: s, jobId: (p) => `x-${p.scope}` });
export const check: number = d; 

import { z } from 'zod/mini';
import { MAX_LIMIT } from './rules';

/** A limit as stored: a whole number of credits from 0 to MAX_LIMIT, or null (not set). */
export const LimitSchema = z.nullable(z.int().check(z.minimum(0), z.maximum(MAX_LIMIT)));

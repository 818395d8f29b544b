import { z } from 'zod';

/** The admin API's roles, least to most: `viewer` reads, `operator` also configures, `admin` also manages tokens and releases. */
export const roles = ['admin', 'operator', 'viewer'] as const;
export const RoleSchema = z.enum(roles);
export type Role = z.infer<typeof RoleSchema>;

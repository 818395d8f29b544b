import type { z } from 'zod';
import type { ChannelLinkSchema } from '../../admin/channels';
import type { PutConfigAnswerSchema, ValidateAnswerSchema, VersionMetaSchema } from '../../admin/config';
import type { ConversationViewSchema } from '../../admin/conversations';
import type { ErrorBodySchema } from '../../admin/errors';
import type { TryAnswerSchema, TryBodySchema } from '../../admin/knowledge';
import type { MetricsAnswerSchema, RangeQuerySchema } from '../../admin/metrics';
import type { CompareAnswerSchema, ReleaseAnswerSchema, ReleaseRequestSchema } from '../../admin/release';
import type { UserPageSchema, UserSchema } from '../../admin/users';
import type { ViolationPageSchema } from '../../admin/violations';
import type { Issue } from '../../rules/config-validate';
import type { StoredVersion } from '../../storage/config-store';

/**
 * The admin API's shapes as the console sees them: every one is the type of the server's own zod
 * schema (nothing redeclared), so a changed answer fails the console's type check. The console
 * bundles no zod (it would add ~94 KiB gzipped): the one validation is the server's.
 */
export type { ConfigInput } from '../../rules/config';
export type { Issue };
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
export type PutConfigAnswer = z.infer<typeof PutConfigAnswerSchema> & { warnings?: Issue[] };
export type ValidateAnswer = z.infer<typeof ValidateAnswerSchema> & { warnings: Issue[] };
export type VersionMeta = z.infer<typeof VersionMetaSchema>;
export type { StoredVersion };
export type ReleaseAnswer = z.infer<typeof ReleaseAnswerSchema>;
export type ReleaseRequest = z.input<typeof ReleaseRequestSchema>;
export type CompareAnswer = z.infer<typeof CompareAnswerSchema>;
export type MetricsAnswer = z.infer<typeof MetricsAnswerSchema>;
export type RangeQuery = Pick<z.input<typeof RangeQuerySchema>, 'from' | 'to' | 'open_kfid'>;
export type TryBody = z.infer<typeof TryBodySchema>;
export type TryAnswer = z.infer<typeof TryAnswerSchema>;
export type User = z.infer<typeof UserSchema>;
export type UserPage = z.infer<typeof UserPageSchema>;
export type ConversationView = z.infer<typeof ConversationViewSchema>;
export type TimelineEvent = ConversationView['events'][number];
export type ChannelLink = z.infer<typeof ChannelLinkSchema>;
export type ViolationPage = z.infer<typeof ViolationPageSchema>;

// Routes being added beside the console (kf accounts, diagnostics, knowledge suggestions): their
// answers as agreed, read defensively by logic/pending-routes.ts until their schemas land here.

export interface KfAccount {
  open_kfid: string;
  name: string;
  avatar: string;
}
export interface DiagnosticCheck {
  id: string;
  ok: boolean;
  message: string;
  fix?: string | undefined;
}
export interface SuggestionCluster {
  id: string;
  count: number;
  examples: string[];
  nearest: { id: string; question: string; score: number } | null;
}

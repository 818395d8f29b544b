import type { z } from 'zod';
import type { ChannelLinkSchema, ChannelSnippetsSchema } from '../../admin/channels';
import type { PutConfigAnswerSchema, ValidateAnswerSchema, VersionMetaSchema } from '../../admin/config';
import type { ConversationViewSchema } from '../../admin/conversations';
import type { DiagnosticsAnswerSchema } from '../../admin/diagnostics';
import type { ErrorBodySchema } from '../../admin/errors';
import type { CreatedKfAccountSchema, KfAccountsAnswerSchema, ServicerChangeAnswerSchema, ServicerChangeSchema, ServicersAnswerSchema } from '../../admin/kf-accounts';
import type { TryAnswerSchema, TryBodySchema } from '../../admin/knowledge';
import type { MetricsAnswerSchema, RangeQuerySchema } from '../../admin/metrics';
import type { MetricsQuerySchema } from '../../admin/metrics-report';
import type { CompareAnswerSchema, ReleaseAnswerSchema, ReleaseRequestSchema } from '../../admin/release';
import type { AcceptAnswerSchema, AcceptSuggestionSchema, DismissAnswerSchema, SuggestionDetailSchema, SuggestionPageSchema } from '../../admin/suggestions';
import type { UserPageSchema, UserSchema } from '../../admin/users';
import type { ViolationPageSchema } from '../../admin/violations';
import type { AuditPageSchema } from '../../admin/audit';
import type { SessionAnswerSchema, SignOutAnswerSchema } from '../../admin/session';
import type { CorpsAnswerSchema, InstallLinkAnswerSchema } from '../../admin/corps';
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
export type MetricsQuery = RangeQuery & Pick<z.input<typeof MetricsQuerySchema>, 'channel' | 'variant' | 'version' | 'granularity'>;
export type TryBody = z.infer<typeof TryBodySchema>;
export type TryAnswer = z.infer<typeof TryAnswerSchema>;
export type User = z.infer<typeof UserSchema>;
export type UserPage = z.infer<typeof UserPageSchema>;
export type ConversationView = z.infer<typeof ConversationViewSchema>;
export type TimelineEvent = ConversationView['events'][number];
export type ChannelLink = z.infer<typeof ChannelLinkSchema>;
export type ViolationPage = z.infer<typeof ViolationPageSchema>;

export type ChannelSnippets = z.infer<typeof ChannelSnippetsSchema>;
export type KfAccount = z.infer<typeof KfAccountsAnswerSchema>['accounts'][number];
export type KfAccountsAnswer = z.infer<typeof KfAccountsAnswerSchema>;
export type CreatedKfAccount = z.infer<typeof CreatedKfAccountSchema>;
export type ServicersAnswer = z.infer<typeof ServicersAnswerSchema>;
export type ServicerChange = z.input<typeof ServicerChangeSchema>;
export type ServicerChangeAnswer = z.infer<typeof ServicerChangeAnswerSchema>;
export type ServicerResult = ServicerChangeAnswer['results'][number];
export type DiagnosticsAnswer = z.infer<typeof DiagnosticsAnswerSchema>;
export type SuggestionPage = z.infer<typeof SuggestionPageSchema>;
export type Suggestion = SuggestionPage['items'][number];
export type SuggestionDetail = z.infer<typeof SuggestionDetailSchema>;
export type AcceptSuggestion = z.input<typeof AcceptSuggestionSchema>;
export type AcceptAnswer = z.infer<typeof AcceptAnswerSchema>;
export type DismissAnswer = z.infer<typeof DismissAnswerSchema>;
export type SessionAnswer = z.infer<typeof SessionAnswerSchema>;
export type SignOutAnswer = z.infer<typeof SignOutAnswerSchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
export type AuditEntry = AuditPage['items'][number];
export type CorpsAnswer = z.infer<typeof CorpsAnswerSchema>;
export type CorpSummary = CorpsAnswer['items'][number];
export type InstallLinkAnswer = z.infer<typeof InstallLinkAnswerSchema>;

ALTER TABLE `admin_tokens` ADD `corp_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `corp_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `audit_log_corp_at` ON `audit_log` (`corp_id`,`at`,`id`);--> statement-breakpoint
ALTER TABLE `console_sessions` ADD `corp_id` text DEFAULT '' NOT NULL;
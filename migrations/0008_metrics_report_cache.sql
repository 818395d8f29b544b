-- Hours rolled up before this migration have no stamp row (a sum of 0) until an export adds cells to them.
CREATE TABLE `metrics_hour_stamps` (
	`corp_id` text DEFAULT '' NOT NULL,
	`start` integer NOT NULL,
	`stamp` integer NOT NULL,
	PRIMARY KEY(`corp_id`, `start`)
);
--> statement-breakpoint
CREATE TABLE `metrics_report_cache` (
	`corp_id` text DEFAULT '' NOT NULL,
	`key` text NOT NULL,
	`stamp` integer NOT NULL,
	`cells` text NOT NULL,
	`written_at` integer NOT NULL,
	PRIMARY KEY(`corp_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `metrics_report_cache_written` ON `metrics_report_cache` (`corp_id`,`written_at`);
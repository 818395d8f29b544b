CREATE TABLE `metrics_daily` (
	`start` integer NOT NULL,
	`open_kfid` text NOT NULL,
	`channel` text NOT NULL,
	`variant` text NOT NULL,
	`config_version` integer NOT NULL,
	`metric` text NOT NULL,
	`servicer` text NOT NULL,
	`label` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`start`, `open_kfid`, `channel`, `variant`, `config_version`, `metric`, `servicer`, `label`)
);
--> statement-breakpoint
CREATE TABLE `metrics_hourly` (
	`start` integer NOT NULL,
	`open_kfid` text NOT NULL,
	`channel` text NOT NULL,
	`variant` text NOT NULL,
	`config_version` integer NOT NULL,
	`metric` text NOT NULL,
	`servicer` text NOT NULL,
	`label` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`start`, `open_kfid`, `channel`, `variant`, `config_version`, `metric`, `servicer`, `label`)
);
--> statement-breakpoint
CREATE TABLE `metrics_rollup_cursors` (
	`conversation` text PRIMARY KEY NOT NULL,
	`external_userid` text NOT NULL,
	`updated_at` integer NOT NULL,
	`state` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `metrics_rollup_cursors_user` ON `metrics_rollup_cursors` (`external_userid`);--> statement-breakpoint
CREATE INDEX `metrics_rollup_cursors_updated` ON `metrics_rollup_cursors` (`updated_at`);
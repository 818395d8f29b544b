CREATE TABLE `metrics_hourly` (
	`hour` integer NOT NULL,
	`open_kfid` text NOT NULL,
	`channel` text NOT NULL,
	`variant` text NOT NULL,
	`config_version` integer NOT NULL,
	`metric` text NOT NULL,
	`servicer` text NOT NULL,
	`label` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`hour`, `open_kfid`, `channel`, `variant`, `config_version`, `metric`, `servicer`, `label`)
);
--> statement-breakpoint
CREATE TABLE `metrics_rollup_cursors` (
	`conversation` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL
);

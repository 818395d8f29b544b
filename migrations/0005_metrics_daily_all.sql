CREATE TABLE `metrics_daily_all` (
	`start` integer NOT NULL,
	`metric` text NOT NULL,
	`servicer` text NOT NULL,
	`label` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`start`, `metric`, `servicer`, `label`)
);
--> statement-breakpoint
-- The days rolled up before this table existed.
INSERT INTO `metrics_daily_all` (`start`, `metric`, `servicer`, `label`, `n`)
	SELECT `start`, `metric`, `servicer`, `label`, SUM(`n`) FROM `metrics_daily` GROUP BY `start`, `metric`, `servicer`, `label`;

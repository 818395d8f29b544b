CREATE TABLE `uncertain_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`open_kfid` text NOT NULL,
	`external_userid` text NOT NULL,
	`text` text NOT NULL,
	`zone` text NOT NULL,
	`confidence` real NOT NULL,
	`candidates` text NOT NULL,
	`config_version` integer,
	`clicked_entry` text,
	`click_msgid` text,
	`outcome` text,
	`cluster` text,
	`handled_at` integer
);
--> statement-breakpoint
CREATE INDEX `uncertain_questions_open` ON `uncertain_questions` (`outcome`,`at`);--> statement-breakpoint
CREATE INDEX `uncertain_questions_at` ON `uncertain_questions` (`at`);--> statement-breakpoint
CREATE INDEX `uncertain_questions_user` ON `uncertain_questions` (`external_userid`,`open_kfid`,`at`);
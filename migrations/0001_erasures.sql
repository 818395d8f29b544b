CREATE TABLE `erasures` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`subject_hash` text NOT NULL,
	`requested_by` text NOT NULL,
	`counts` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `erasures_subject` ON `erasures` (`subject_hash`,`at`);
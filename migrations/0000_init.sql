CREATE TABLE `admin_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE TABLE `behavior_events` (
	`id` text PRIMARY KEY NOT NULL,
	`external_userid` text NOT NULL,
	`open_kfid` text,
	`type` text NOT NULL,
	`ref` text,
	`at` integer NOT NULL,
	`meta` text
);
--> statement-breakpoint
CREATE INDEX `behavior_events_user` ON `behavior_events` (`external_userid`,`at`);--> statement-breakpoint
CREATE TABLE `config_versions` (
	`version` integer PRIMARY KEY NOT NULL,
	`document` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE TABLE `conversation_events` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`open_kfid` text NOT NULL,
	`external_userid` text NOT NULL,
	`type` text NOT NULL,
	`config_version` integer,
	`variant` text,
	`servicer` text,
	`intent` text,
	`data` text
);
--> statement-breakpoint
CREATE INDEX `conversation_events_type_at` ON `conversation_events` (`type`,`at`);--> statement-breakpoint
CREATE INDEX `conversation_events_user` ON `conversation_events` (`external_userid`,`at`);--> statement-breakpoint
CREATE TABLE `customer_tags` (
	`external_userid` text NOT NULL,
	`tag` text NOT NULL,
	`source` text NOT NULL,
	`source_ref` text,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`external_userid`, `tag`)
);
--> statement-breakpoint
CREATE INDEX `customer_tags_tag` ON `customer_tags` (`tag`,`external_userid`);--> statement-breakpoint
CREATE TABLE `customers` (
	`external_userid` text PRIMARY KEY NOT NULL,
	`open_kfid` text,
	`channel` text,
	`scene_param` text,
	`language` text,
	`nickname` text,
	`first_seen` integer,
	`last_seen` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `release_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`stable` integer NOT NULL,
	`candidate` integer,
	`stage` text NOT NULL,
	`percent` integer NOT NULL,
	`internal` text NOT NULL,
	`salt` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tracked_links` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `violations` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`open_kfid` text NOT NULL,
	`external_userid` text NOT NULL,
	`direction` text NOT NULL,
	`words` text NOT NULL,
	`excerpt` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `violations_at` ON `violations` (`at`,`id`);
-- Every row written before many corps belongs to the deployment's own corp, tenant ''.
CREATE TABLE `__new_behavior_events` (
	`corp_id` text DEFAULT '' NOT NULL,
	`id` text NOT NULL,
	`external_userid` text NOT NULL,
	`open_kfid` text,
	`type` text NOT NULL,
	`ref` text,
	`at` integer NOT NULL,
	`meta` text,
	PRIMARY KEY(`corp_id`, `id`)
);
--> statement-breakpoint
INSERT INTO `__new_behavior_events`("corp_id", "id", "external_userid", "open_kfid", "type", "ref", "at", "meta") SELECT '', "id", "external_userid", "open_kfid", "type", "ref", "at", "meta" FROM `behavior_events`;--> statement-breakpoint
DROP TABLE `behavior_events`;--> statement-breakpoint
ALTER TABLE `__new_behavior_events` RENAME TO `behavior_events`;--> statement-breakpoint
CREATE INDEX `behavior_events_user` ON `behavior_events` (`corp_id`,`external_userid`,`at`);--> statement-breakpoint
CREATE TABLE `__new_conversation_events` (
	`corp_id` text DEFAULT '' NOT NULL,
	`id` text NOT NULL,
	`at` integer NOT NULL,
	`open_kfid` text NOT NULL,
	`external_userid` text NOT NULL,
	`type` text NOT NULL,
	`config_version` integer,
	`variant` text,
	`servicer` text,
	`intent` text,
	`data` text,
	PRIMARY KEY(`corp_id`, `id`)
);
--> statement-breakpoint
INSERT INTO `__new_conversation_events`("corp_id", "id", "at", "open_kfid", "external_userid", "type", "config_version", "variant", "servicer", "intent", "data") SELECT '', "id", "at", "open_kfid", "external_userid", "type", "config_version", "variant", "servicer", "intent", "data" FROM `conversation_events`;--> statement-breakpoint
DROP TABLE `conversation_events`;--> statement-breakpoint
ALTER TABLE `__new_conversation_events` RENAME TO `conversation_events`;--> statement-breakpoint
CREATE INDEX `conversation_events_type_at` ON `conversation_events` (`corp_id`,`type`,`at`);--> statement-breakpoint
CREATE INDEX `conversation_events_user` ON `conversation_events` (`corp_id`,`external_userid`,`at`);--> statement-breakpoint
CREATE TABLE `__new_customer_tags` (
	`corp_id` text DEFAULT '' NOT NULL,
	`external_userid` text NOT NULL,
	`tag` text NOT NULL,
	`source` text NOT NULL,
	`source_ref` text,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`corp_id`, `external_userid`, `tag`)
);
--> statement-breakpoint
INSERT INTO `__new_customer_tags`("corp_id", "external_userid", "tag", "source", "source_ref", "added_at") SELECT '', "external_userid", "tag", "source", "source_ref", "added_at" FROM `customer_tags`;--> statement-breakpoint
DROP TABLE `customer_tags`;--> statement-breakpoint
ALTER TABLE `__new_customer_tags` RENAME TO `customer_tags`;--> statement-breakpoint
CREATE INDEX `customer_tags_tag` ON `customer_tags` (`corp_id`,`tag`,`external_userid`);--> statement-breakpoint
DROP INDEX `erasures_subject`;--> statement-breakpoint
ALTER TABLE `erasures` ADD `corp_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `erasures_subject` ON `erasures` (`corp_id`,`subject_hash`,`at`);--> statement-breakpoint
CREATE TABLE `__new_metrics_rollup_cursors` (
	`corp_id` text DEFAULT '' NOT NULL,
	`conversation` text NOT NULL,
	`external_userid` text NOT NULL,
	`updated_at` integer NOT NULL,
	`state` text NOT NULL,
	PRIMARY KEY(`corp_id`, `conversation`)
);
--> statement-breakpoint
INSERT INTO `__new_metrics_rollup_cursors`("corp_id", "conversation", "external_userid", "updated_at", "state") SELECT '', "conversation", "external_userid", "updated_at", "state" FROM `metrics_rollup_cursors`;--> statement-breakpoint
DROP TABLE `metrics_rollup_cursors`;--> statement-breakpoint
ALTER TABLE `__new_metrics_rollup_cursors` RENAME TO `metrics_rollup_cursors`;--> statement-breakpoint
CREATE INDEX `metrics_rollup_cursors_user` ON `metrics_rollup_cursors` (`corp_id`,`external_userid`);--> statement-breakpoint
CREATE INDEX `metrics_rollup_cursors_updated` ON `metrics_rollup_cursors` (`corp_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `__new_uncertain_questions` (
	`corp_id` text DEFAULT '' NOT NULL,
	`id` text NOT NULL,
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
	`handled_at` integer,
	PRIMARY KEY(`corp_id`, `id`)
);
--> statement-breakpoint
INSERT INTO `__new_uncertain_questions`("corp_id", "id", "at", "open_kfid", "external_userid", "text", "zone", "confidence", "candidates", "config_version", "clicked_entry", "click_msgid", "outcome", "cluster", "handled_at") SELECT '', "id", "at", "open_kfid", "external_userid", "text", "zone", "confidence", "candidates", "config_version", "clicked_entry", "click_msgid", "outcome", "cluster", "handled_at" FROM `uncertain_questions`;--> statement-breakpoint
DROP TABLE `uncertain_questions`;--> statement-breakpoint
ALTER TABLE `__new_uncertain_questions` RENAME TO `uncertain_questions`;--> statement-breakpoint
CREATE INDEX `uncertain_questions_open` ON `uncertain_questions` (`corp_id`,`outcome`,`at`);--> statement-breakpoint
CREATE INDEX `uncertain_questions_at` ON `uncertain_questions` (`corp_id`,`at`);--> statement-breakpoint
CREATE INDEX `uncertain_questions_user` ON `uncertain_questions` (`corp_id`,`external_userid`,`open_kfid`,`at`);--> statement-breakpoint
CREATE TABLE `__new_violations` (
	`corp_id` text DEFAULT '' NOT NULL,
	`id` text NOT NULL,
	`at` integer NOT NULL,
	`open_kfid` text NOT NULL,
	`external_userid` text NOT NULL,
	`direction` text NOT NULL,
	`words` text NOT NULL,
	`excerpt` text NOT NULL,
	PRIMARY KEY(`corp_id`, `id`)
);
--> statement-breakpoint
INSERT INTO `__new_violations`("corp_id", "id", "at", "open_kfid", "external_userid", "direction", "words", "excerpt") SELECT '', "id", "at", "open_kfid", "external_userid", "direction", "words", "excerpt" FROM `violations`;--> statement-breakpoint
DROP TABLE `violations`;--> statement-breakpoint
ALTER TABLE `__new_violations` RENAME TO `violations`;--> statement-breakpoint
CREATE INDEX `violations_at` ON `violations` (`corp_id`,`at`,`id`);--> statement-breakpoint
CREATE TABLE `__new_metrics_daily` (
	`corp_id` text DEFAULT '' NOT NULL,
	`start` integer NOT NULL,
	`open_kfid` text NOT NULL,
	`channel` text NOT NULL,
	`variant` text NOT NULL,
	`config_version` integer NOT NULL,
	`metric` text NOT NULL,
	`servicer` text NOT NULL,
	`label` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`corp_id`, `start`, `open_kfid`, `channel`, `variant`, `config_version`, `metric`, `servicer`, `label`)
);
--> statement-breakpoint
INSERT INTO `__new_metrics_daily`("corp_id", "start", "open_kfid", "channel", "variant", "config_version", "metric", "servicer", "label", "n") SELECT '', "start", "open_kfid", "channel", "variant", "config_version", "metric", "servicer", "label", "n" FROM `metrics_daily`;--> statement-breakpoint
DROP TABLE `metrics_daily`;--> statement-breakpoint
ALTER TABLE `__new_metrics_daily` RENAME TO `metrics_daily`;--> statement-breakpoint
CREATE TABLE `__new_metrics_daily_all` (
	`corp_id` text DEFAULT '' NOT NULL,
	`start` integer NOT NULL,
	`metric` text NOT NULL,
	`servicer` text NOT NULL,
	`label` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`corp_id`, `start`, `metric`, `servicer`, `label`)
);
--> statement-breakpoint
INSERT INTO `__new_metrics_daily_all`("corp_id", "start", "metric", "servicer", "label", "n") SELECT '', "start", "metric", "servicer", "label", "n" FROM `metrics_daily_all`;--> statement-breakpoint
DROP TABLE `metrics_daily_all`;--> statement-breakpoint
ALTER TABLE `__new_metrics_daily_all` RENAME TO `metrics_daily_all`;--> statement-breakpoint
CREATE TABLE `__new_metrics_hourly` (
	`corp_id` text DEFAULT '' NOT NULL,
	`start` integer NOT NULL,
	`open_kfid` text NOT NULL,
	`channel` text NOT NULL,
	`variant` text NOT NULL,
	`config_version` integer NOT NULL,
	`metric` text NOT NULL,
	`servicer` text NOT NULL,
	`label` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`corp_id`, `start`, `open_kfid`, `channel`, `variant`, `config_version`, `metric`, `servicer`, `label`)
);
--> statement-breakpoint
INSERT INTO `__new_metrics_hourly`("corp_id", "start", "open_kfid", "channel", "variant", "config_version", "metric", "servicer", "label", "n") SELECT '', "start", "open_kfid", "channel", "variant", "config_version", "metric", "servicer", "label", "n" FROM `metrics_hourly`;--> statement-breakpoint
DROP TABLE `metrics_hourly`;--> statement-breakpoint
ALTER TABLE `__new_metrics_hourly` RENAME TO `metrics_hourly`;--> statement-breakpoint
CREATE TABLE `__new_config_versions` (
	`corp_id` text DEFAULT '' NOT NULL,
	`version` integer NOT NULL,
	`document` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`note` text,
	PRIMARY KEY(`corp_id`, `version`)
);
--> statement-breakpoint
INSERT INTO `__new_config_versions`("corp_id", "version", "document", "created_at", "created_by", "note") SELECT '', "version", "document", "created_at", "created_by", "note" FROM `config_versions`;--> statement-breakpoint
DROP TABLE `config_versions`;--> statement-breakpoint
ALTER TABLE `__new_config_versions` RENAME TO `config_versions`;--> statement-breakpoint
CREATE TABLE `__new_customers` (
	`corp_id` text DEFAULT '' NOT NULL,
	`external_userid` text NOT NULL,
	`open_kfid` text,
	`channel` text,
	`scene_param` text,
	`language` text,
	`nickname` text,
	`first_seen` integer,
	`last_seen` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`corp_id`, `external_userid`)
);
--> statement-breakpoint
INSERT INTO `__new_customers`("corp_id", "external_userid", "open_kfid", "channel", "scene_param", "language", "nickname", "first_seen", "last_seen", "created_at") SELECT '', "external_userid", "open_kfid", "channel", "scene_param", "language", "nickname", "first_seen", "last_seen", "created_at" FROM `customers`;--> statement-breakpoint
DROP TABLE `customers`;--> statement-breakpoint
ALTER TABLE `__new_customers` RENAME TO `customers`;--> statement-breakpoint
CREATE TABLE `__new_release_state` (
	`corp_id` text DEFAULT '' NOT NULL,
	`id` integer NOT NULL,
	`stable` integer NOT NULL,
	`candidate` integer,
	`stage` text NOT NULL,
	`percent` integer NOT NULL,
	`internal` text NOT NULL,
	`salt` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`corp_id`, `id`)
);
--> statement-breakpoint
INSERT INTO `__new_release_state`("corp_id", "id", "stable", "candidate", "stage", "percent", "internal", "salt", "updated_at") SELECT '', "id", "stable", "candidate", "stage", "percent", "internal", "salt", "updated_at" FROM `release_state`;--> statement-breakpoint
DROP TABLE `release_state`;--> statement-breakpoint
ALTER TABLE `__new_release_state` RENAME TO `release_state`;--> statement-breakpoint
ALTER TABLE `tracked_links` ADD `corp_id` text DEFAULT '' NOT NULL;
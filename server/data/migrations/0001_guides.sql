CREATE TABLE `guide_progress` (
	`project_id` text NOT NULL,
	`guide_id` text NOT NULL,
	`user_id` text NOT NULL,
	`step_index` integer NOT NULL,
	`status` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`guide_id`, `user_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`guide_id`) REFERENCES `guides`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `guide_progress_user_idx` ON `guide_progress` (`project_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `guides` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`name` text NOT NULL,
	`steps` text NOT NULL,
	`trigger` text NOT NULL,
	`audience` text,
	`frequency` text NOT NULL,
	`priority` integer NOT NULL,
	`active` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `guides_project_idx` ON `guides` (`project_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`project_id` text NOT NULL,
	`user_id` text NOT NULL,
	`attributes` text NOT NULL,
	`first_seen` integer NOT NULL,
	`last_seen` integer NOT NULL,
	PRIMARY KEY(`project_id`, `user_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`client_id` text NOT NULL,
	`type` text NOT NULL,
	`survey_id` text,
	`user_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_events`("id", "project_id", "client_id", "type", "survey_id", "user_id", "at") SELECT "id", "project_id", "client_id", "type", "survey_id", "user_id", "at" FROM `events`;--> statement-breakpoint
DROP TABLE `events`;--> statement-breakpoint
ALTER TABLE `__new_events` RENAME TO `events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `events_client_id_uq` ON `events` (`project_id`,`client_id`);--> statement-breakpoint
CREATE INDEX `events_user_idx` ON `events` (`project_id`,`user_id`,`type`,`survey_id`,`at`);--> statement-breakpoint
ALTER TABLE `projects` ADD `max_starts_per_page_view` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `surveys` ADD `audience` text;--> statement-breakpoint
ALTER TABLE `surveys` ADD `priority` integer DEFAULT 0 NOT NULL;
CREATE TABLE `events` (
	`id` integer PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`client_id` text NOT NULL,
	`type` text NOT NULL,
	`survey_id` text NOT NULL,
	`user_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_client_id_uq` ON `events` (`project_id`,`client_id`);--> statement-breakpoint
CREATE INDEX `events_user_idx` ON `events` (`project_id`,`user_id`,`type`,`survey_id`,`at`);--> statement-breakpoint
CREATE TABLE `followup_history` (
	`id` integer PRIMARY KEY NOT NULL,
	`followup_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`from_value` text,
	`to_value` text,
	`note` text,
	FOREIGN KEY (`followup_id`) REFERENCES `followups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `followup_history_followup_idx` ON `followup_history` (`followup_id`,`id`);--> statement-breakpoint
CREATE TABLE `followups` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`response_id` integer NOT NULL,
	`status` text NOT NULL,
	`assignee` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `followups_response_uq` ON `followups` (`response_id`);--> statement-breakpoint
CREATE INDEX `followups_project_time_idx` ON `followups` (`project_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `followups_project_status_time_idx` ON `followups` (`project_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`allowed_origins` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projects_key_unique` ON `projects` (`key`);--> statement-breakpoint
CREATE TABLE `response_factors` (
	`response_id` integer NOT NULL,
	`key` text NOT NULL,
	`value` integer NOT NULL,
	PRIMARY KEY(`response_id`, `key`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`client_id` text NOT NULL,
	`user_id` text NOT NULL,
	`score` integer NOT NULL,
	`category` text NOT NULL,
	`comment` text,
	`locale` text,
	`url` text,
	`attributes` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_client_id_uq` ON `responses` (`project_id`,`client_id`);--> statement-breakpoint
CREATE INDEX `responses_survey_time_idx` ON `responses` (`survey_id`,`created_at`,`category`);--> statement-breakpoint
CREATE INDEX `responses_user_idx` ON `responses` (`project_id`,`user_id`,`survey_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`name` text NOT NULL,
	`question` text NOT NULL,
	`touchpoints` text NOT NULL,
	`detractor_threshold` integer NOT NULL,
	`recontact_days` integer NOT NULL,
	`delay_seconds` integer NOT NULL,
	`sample_rate` real NOT NULL,
	`active` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `surveys_project_idx` ON `surveys` (`project_id`,`created_at`);
DROP INDEX `responses_survey_time_idx`;--> statement-breakpoint
CREATE INDEX `responses_comment_idx` ON `responses` (`survey_id`,`created_at`) WHERE comment <> '';--> statement-breakpoint
CREATE INDEX `responses_survey_time_idx` ON `responses` (`survey_id`,`created_at`,`category`,`score`,`user_id`);--> statement-breakpoint
ALTER TABLE `followups` ADD `score` integer;--> statement-breakpoint
ALTER TABLE `followups` ADD `due_at` integer;--> statement-breakpoint
CREATE INDEX `followups_project_due_idx` ON `followups` (`project_id`,`due_at`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `followups_project_status_due_idx` ON `followups` (`project_id`,`status`,`due_at`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `followups_project_score_idx` ON `followups` (`project_id`,`score`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `followups_project_status_score_idx` ON `followups` (`project_id`,`status`,`score`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `followups_project_assignee_idx` ON `followups` (`project_id`,`assignee`,`status`,`created_at`,`id`);--> statement-breakpoint
ALTER TABLE `projects` ADD `ltv_boundary` real;--> statement-breakpoint
ALTER TABLE `projects` ADD `last_seen_url` text;--> statement-breakpoint
ALTER TABLE `projects` ADD `last_seen_at` integer;--> statement-breakpoint
CREATE INDEX `events_survey_idx` ON `events` (`survey_id`,`type`,`at`,`user_id`) WHERE survey_id IS NOT NULL;
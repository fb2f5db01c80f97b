DROP INDEX `followups_project_due_idx`;--> statement-breakpoint
DROP INDEX `followups_project_score_idx`;--> statement-breakpoint
DROP INDEX `followups_project_assignee_idx`;--> statement-breakpoint
ALTER TABLE `response_factors` ADD `survey_id` text;--> statement-breakpoint
ALTER TABLE `response_factors` ADD `created_at` integer;--> statement-breakpoint
ALTER TABLE `response_factors` ADD `category` text;--> statement-breakpoint
CREATE INDEX `response_factors_survey_key_idx` ON `response_factors` (`survey_id`,`key`,`category`,`created_at`,`value`);
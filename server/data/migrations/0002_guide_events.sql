ALTER TABLE `events` ADD `guide_id` text REFERENCES guides(id);--> statement-breakpoint
ALTER TABLE `events` ADD `step_index` integer;--> statement-breakpoint
ALTER TABLE `events` ADD `name` text;--> statement-breakpoint
ALTER TABLE `events` ADD `props` text;--> statement-breakpoint
CREATE INDEX `events_guide_idx` ON `events` (`guide_id`,`type`,`step_index`,`user_id`);
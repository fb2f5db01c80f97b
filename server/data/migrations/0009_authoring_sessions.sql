CREATE TABLE `authoring_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`guide_id` text NOT NULL,
	`origin` text NOT NULL,
	`link_hash` text NOT NULL,
	`link_expires_at` integer NOT NULL,
	`session_hash` text,
	`session_expires_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`guide_id`) REFERENCES `guides`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `authoring_sessions_link_hash_unique` ON `authoring_sessions` (`link_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `authoring_sessions_session_hash_unique` ON `authoring_sessions` (`session_hash`);
-- Follow-ups opened before 0004 get the score of their answer, which 0004 copies onto follow-ups so the inbox filters and sorts by it from an index.
UPDATE `followups` SET `score` = (SELECT `responses`.`score` FROM `responses` WHERE `responses`.`id` = `followups`.`response_id`) WHERE `score` IS NULL;--> statement-breakpoint
-- And the due date new ones get (server/data/followup-due.ts): 2 business days (Mon–Fri, UTC) after the answer, same time of day.
-- By weekday (%w, 0 = Sunday): Thursday and Friday move 4 days (to Monday, Tuesday), Saturday 3, the others 2.
UPDATE `followups` SET `due_at` = `created_at` + 86400000 * (CASE CAST(strftime('%w', `created_at` / 1000, 'unixepoch') AS integer) WHEN 4 THEN 4 WHEN 5 THEN 4 WHEN 6 THEN 3 ELSE 2 END) WHERE `due_at` IS NULL;

ALTER TABLE `cases` ADD `ended_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `purged_at` integer;--> statement-breakpoint
CREATE INDEX `cases_to_purge` ON `cases` (`kelurahan_id`,`ended_at`) WHERE "cases"."ended_at" IS NOT NULL AND "cases"."purged_at" IS NULL;--> statement-breakpoint
ALTER TABLE `kelurahan` ADD `retention_days` integer DEFAULT 90 NOT NULL;--> statement-breakpoint
-- Written by hand: cases that ended before this migration get the time of the event that ended them (or their last update), so their files are kept for retention_days from then, not from today.
UPDATE `cases` SET `ended_at` = coalesce((SELECT max(`at`) FROM `case_events` WHERE `case_events`.`case_id` = `cases`.`id` AND `case_events`.`to_state` = `cases`.`state`), `updated_at`) WHERE `state` IN ('completed', 'rejected', 'cancelled', 'closed');

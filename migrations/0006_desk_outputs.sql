ALTER TABLE `cases` ADD `pickup_code` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `pickup_code_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `courier_name` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `received_by` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `disdukcapil_reference` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `disdukcapil_expected_date` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `answered_at` integer;--> statement-breakpoint
ALTER TABLE `invites` ADD `staff_user_id` text;
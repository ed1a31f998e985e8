CREATE TABLE `throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `case_documents` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `case_documents` ADD `last_attempt_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `applicant_denied_at` integer;--> statement-breakpoint
ALTER TABLE `letters` ADD `made_at` integer;--> statement-breakpoint
ALTER TABLE `letters` ADD `failed_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `parts_sent` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Letters drawn before this migration were announced when drawn; count them as made.
UPDATE `letters` SET `made_at` = `issued_at` WHERE `revoked_at` IS NULL;

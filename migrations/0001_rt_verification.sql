CREATE TABLE `invites` (
	`code` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`person_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by_identity_id` text,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invites_person` ON `invites` (`person_id`);--> statement-breakpoint
CREATE TABLE `neighbour_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`case_id` text NOT NULL,
	`identity_id` text NOT NULL,
	`answer` text,
	`asked_at` integer NOT NULL,
	`answered_at` integer,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`identity_id`) REFERENCES `channel_identities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `neighbour_case` ON `neighbour_questions` (`case_id`);--> statement-breakpoint
CREATE INDEX `neighbour_identity` ON `neighbour_questions` (`identity_id`);--> statement-breakpoint
ALTER TABLE `cases` ADD `revision_requirement` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `revision_reason` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `reminders_sent` integer DEFAULT 0 NOT NULL;
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`staff_user_id` text NOT NULL,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_kelurahan_at` ON `audit_log` (`kelurahan_id`,`at`);--> statement-breakpoint
CREATE TABLE `skm_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`case_id` text NOT NULL,
	`person_id` text NOT NULL,
	`service` text NOT NULL,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	`u1` integer,
	`u2` integer,
	`u3` integer,
	`u4` integer,
	`u5` integer,
	`u6` integer,
	`u7` integer,
	`u8` integer,
	`u9` integer,
	`suggestion` text,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `skm_responses_case_id_unique` ON `skm_responses` (`case_id`);--> statement-breakpoint
CREATE INDEX `skm_kelurahan_started` ON `skm_responses` (`kelurahan_id`,`started_at`);--> statement-breakpoint
ALTER TABLE `invites` ADD `revoked_at` integer;--> statement-breakpoint
ALTER TABLE `kelurahan` ADD `transparency_min_cases` integer DEFAULT 5 NOT NULL;
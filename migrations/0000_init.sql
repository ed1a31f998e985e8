CREATE TABLE `case_code_counters` (
	`kelurahan_id` text NOT NULL,
	`period` text NOT NULL,
	`last_sequence` integer NOT NULL,
	PRIMARY KEY(`kelurahan_id`, `period`),
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `case_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`case_id` text NOT NULL,
	`requirement` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`source_channel` text NOT NULL,
	`source_ref` text NOT NULL,
	`reject_reason` text,
	`r2_key` text NOT NULL,
	`content_type` text NOT NULL,
	`filename` text,
	`size_bytes` integer,
	`sha256` text,
	`superseded_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `documents_case` ON `case_documents` (`case_id`);--> statement-breakpoint
CREATE INDEX `documents_status` ON `case_documents` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`case_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_person_id` text,
	`actor_staff_id` text,
	`kind` text NOT NULL,
	`from_state` text,
	`to_state` text,
	`detail` text,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_case_at` ON `case_events` (`case_id`,`at`);--> statement-breakpoint
CREATE INDEX `events_kelurahan_at` ON `case_events` (`kelurahan_id`,`at`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`service` text,
	`state` text NOT NULL,
	`applicant_person_id` text NOT NULL,
	`submitter_person_id` text,
	`rt_id` text,
	`pengantar_approved` integer DEFAULT false NOT NULL,
	`applicant_confirmed_at` integer,
	`delivery` text,
	`delivery_address` text,
	`complaint_text` text,
	`related_case_id` text,
	`submitted_at` integer,
	`day1_due_at` integer,
	`day2_due_at` integer,
	`day3_due_at` integer,
	`due_at` integer,
	`next_action_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applicant_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitter_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_kelurahan_code` ON `cases` (`kelurahan_id`,`code`);--> statement-breakpoint
CREATE INDEX `cases_next_action` ON `cases` (`next_action_at`) WHERE "cases"."next_action_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_kelurahan_state` ON `cases` (`kelurahan_id`,`state`);--> statement-breakpoint
CREATE INDEX `cases_applicant` ON `cases` (`applicant_person_id`);--> statement-breakpoint
CREATE INDEX `cases_submitter` ON `cases` (`submitter_person_id`);--> statement-breakpoint
CREATE INDEX `cases_rt_state` ON `cases` (`rt_id`,`state`);--> statement-breakpoint
CREATE TABLE `channel_identities` (
	`id` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`person_id` text NOT NULL,
	`channel` text NOT NULL,
	`external_id` text NOT NULL,
	`display_name` text,
	`last_inbound_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `identity_channel_external` ON `channel_identities` (`kelurahan_id`,`channel`,`external_id`);--> statement-breakpoint
CREATE INDEX `identity_person` ON `channel_identities` (`person_id`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`identity_id` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`flow` text NOT NULL,
	`step` text NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`identity_id`) REFERENCES `channel_identities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conversations_expires` ON `conversations` (`expires_at`);--> statement-breakpoint
CREATE TABLE `holidays` (
	`kelurahan_id` text NOT NULL,
	`date` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	PRIMARY KEY(`kelurahan_id`, `date`),
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `kelurahan` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kecamatan` text NOT NULL,
	`city` text NOT NULL,
	`lurah_name` text NOT NULL,
	`address` text NOT NULL,
	`utc_offset_minutes` integer DEFAULT 420 NOT NULL,
	`opens_at_minute` integer DEFAULT 480 NOT NULL,
	`closes_at_minute` integer DEFAULT 960 NOT NULL,
	`whatsapp_phone_number_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kelurahan_whatsapp_phone_number_id_unique` ON `kelurahan` (`whatsapp_phone_number_id`);--> statement-breakpoint
CREATE TABLE `letters` (
	`id` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`verification_code` text NOT NULL,
	`issued_at` integer NOT NULL,
	`issuer_name` text NOT NULL,
	`issuer_role` text NOT NULL,
	`r2_key` text NOT NULL,
	`revoked_at` integer,
	`revoked_reason` text,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `letters_verification_code_unique` ON `letters` (`verification_code`);--> statement-breakpoint
CREATE INDEX `letters_case` ON `letters` (`case_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`identity_id` text NOT NULL,
	`case_id` text,
	`payload` text NOT NULL,
	`dedupe_key` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`provider_message_id` text,
	`last_error` text,
	`not_before` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`identity_id`) REFERENCES `channel_identities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe` ON `outbox` (`kelurahan_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_status_due` ON `outbox` (`status`,`not_before`);--> statement-breakpoint
CREATE INDEX `outbox_provider_message` ON `outbox` (`provider_message_id`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`full_name` text NOT NULL,
	`nik` text,
	`phone` text,
	`rt_id` text,
	`locale` text DEFAULT 'id' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rt_id`) REFERENCES `rt`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `people_kelurahan_nik` ON `people` (`kelurahan_id`,`nik`);--> statement-breakpoint
CREATE INDEX `people_rt` ON `people` (`rt_id`);--> statement-breakpoint
CREATE TABLE `processed_messages` (
	`channel` text NOT NULL,
	`message_id` text NOT NULL,
	`kelurahan_id` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`channel`, `message_id`),
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `processed_received` ON `processed_messages` (`received_at`);--> statement-breakpoint
CREATE TABLE `rt` (
	`id` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`rw_id` text NOT NULL,
	`number` integer NOT NULL,
	`chair_person_id` text,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rw_id`) REFERENCES `rw`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rt_rw_number` ON `rt` (`rw_id`,`number`);--> statement-breakpoint
CREATE INDEX `rt_chair` ON `rt` (`chair_person_id`);--> statement-breakpoint
CREATE TABLE `rw` (
	`id` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`number` integer NOT NULL,
	`chair_person_id` text,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rw_kelurahan_number` ON `rw` (`kelurahan_id`,`number`);--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` text PRIMARY KEY NOT NULL,
	`kelurahan_id` text NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`identity_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`kelurahan_id`) REFERENCES `kelurahan`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_username` ON `staff_users` (`username`);
CREATE TABLE `bot_chats` (
	`bot` text NOT NULL,
	`channel` text NOT NULL,
	`external_id` text NOT NULL,
	`state` text NOT NULL,
	`version` integer NOT NULL,
	`last_inbound_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`bot`, `channel`, `external_id`)
);
--> statement-breakpoint
CREATE TABLE `bot_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`bot` text NOT NULL,
	`tenant_id` text NOT NULL,
	`channel` text NOT NULL,
	`external_id` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`later_key` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`parts_sent` integer DEFAULT 0 NOT NULL,
	`provider_message_id` text,
	`not_before` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bot_outbox_due` ON `bot_outbox` (`status`,`not_before`);--> statement-breakpoint
CREATE INDEX `bot_outbox_chat` ON `bot_outbox` (`bot`,`channel`,`external_id`,`status`);--> statement-breakpoint
CREATE TABLE `bot_processed_messages` (
	`bot` text NOT NULL,
	`channel` text NOT NULL,
	`message_id` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`bot`, `channel`, `message_id`)
);
--> statement-breakpoint
CREATE INDEX `bot_processed_received` ON `bot_processed_messages` (`received_at`);
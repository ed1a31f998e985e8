ALTER TABLE `kelurahan` ADD `telegram_bot_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `kelurahan_telegram_bot_id_unique` ON `kelurahan` (`telegram_bot_id`);
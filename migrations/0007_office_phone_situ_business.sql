ALTER TABLE `cases` ADD `business_name` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `business_kind` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `business_address` text;--> statement-breakpoint
ALTER TABLE `kelurahan` ADD `phone` text;
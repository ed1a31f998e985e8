ALTER TABLE `cases` ADD `given_name` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `given_nik` text;
DROP TABLE "course_work_commission" CASCADE;--> statement-breakpoint
ALTER TABLE "course_work_defences" DROP COLUMN "place";--> statement-breakpoint
ALTER TABLE "course_work_defences" DROP COLUMN "online_url";
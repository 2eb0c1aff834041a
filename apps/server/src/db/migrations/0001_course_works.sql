CREATE TABLE "course_work_choices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offering_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"status" text NOT NULL,
	"comment" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"recommended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_work_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"milestone_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"verdict" text,
	"hand_in_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_work_commission" (
	"defence_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "course_work_commission_defence_id_user_id_pk" PRIMARY KEY("defence_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "course_work_defences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offering_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text,
	"online_url" text,
	"scheduled_by" uuid,
	"score" integer,
	"letter" text,
	"points" numeric(3, 2),
	"grading_settings_version" integer,
	"graded_by" uuid,
	"graded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "course_work_defences_score" CHECK ("course_work_defences"."score" is null or "course_work_defences"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "course_work_hand_in_files" (
	"hand_in_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	CONSTRAINT "course_work_hand_in_files_hand_in_id_file_id_pk" PRIMARY KEY("hand_in_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "course_work_hand_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"milestone_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_work_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offering_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title_kk" text NOT NULL,
	"title_ru" text NOT NULL,
	"title_en" text NOT NULL,
	"due_on" date NOT NULL,
	"position" integer NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "course_work_reminders" (
	"milestone_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"reminded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "course_work_reminders_milestone_id_learner_id_pk" PRIMARY KEY("milestone_id","learner_id")
);
--> statement-breakpoint
CREATE TABLE "course_work_settings" (
	"offering_id" uuid PRIMARY KEY NOT NULL,
	"choice_mode" text DEFAULT 'approval' NOT NULL,
	"allow_own_topics" boolean DEFAULT true NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_work_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offering_id" uuid NOT NULL,
	"title_kk" text NOT NULL,
	"title_ru" text NOT NULL,
	"title_en" text NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"proposed_by" uuid,
	"status" text DEFAULT 'published' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "course_work_choices" ADD CONSTRAINT "course_work_choices_offering_id_course_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."course_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_choices" ADD CONSTRAINT "course_work_choices_topic_id_course_work_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."course_work_topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_choices" ADD CONSTRAINT "course_work_choices_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_choices" ADD CONSTRAINT "course_work_choices_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_comments" ADD CONSTRAINT "course_work_comments_milestone_id_course_work_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."course_work_milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_comments" ADD CONSTRAINT "course_work_comments_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_comments" ADD CONSTRAINT "course_work_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_comments" ADD CONSTRAINT "course_work_comments_hand_in_id_course_work_hand_ins_id_fk" FOREIGN KEY ("hand_in_id") REFERENCES "public"."course_work_hand_ins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_commission" ADD CONSTRAINT "course_work_commission_defence_id_course_work_defences_id_fk" FOREIGN KEY ("defence_id") REFERENCES "public"."course_work_defences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_commission" ADD CONSTRAINT "course_work_commission_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_defences" ADD CONSTRAINT "course_work_defences_offering_id_course_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."course_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_defences" ADD CONSTRAINT "course_work_defences_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_defences" ADD CONSTRAINT "course_work_defences_scheduled_by_users_id_fk" FOREIGN KEY ("scheduled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_defences" ADD CONSTRAINT "course_work_defences_graded_by_users_id_fk" FOREIGN KEY ("graded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_hand_in_files" ADD CONSTRAINT "course_work_hand_in_files_hand_in_id_course_work_hand_ins_id_fk" FOREIGN KEY ("hand_in_id") REFERENCES "public"."course_work_hand_ins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_hand_in_files" ADD CONSTRAINT "course_work_hand_in_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_hand_ins" ADD CONSTRAINT "course_work_hand_ins_milestone_id_course_work_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."course_work_milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_hand_ins" ADD CONSTRAINT "course_work_hand_ins_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_milestones" ADD CONSTRAINT "course_work_milestones_offering_id_course_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."course_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_reminders" ADD CONSTRAINT "course_work_reminders_milestone_id_course_work_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."course_work_milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_reminders" ADD CONSTRAINT "course_work_reminders_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_settings" ADD CONSTRAINT "course_work_settings_offering_id_course_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."course_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_settings" ADD CONSTRAINT "course_work_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_topics" ADD CONSTRAINT "course_work_topics_offering_id_course_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."course_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_topics" ADD CONSTRAINT "course_work_topics_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_topics" ADD CONSTRAINT "course_work_topics_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_topics" ADD CONSTRAINT "course_work_topics_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "course_work_choices_topic_live_key" ON "course_work_choices" USING btree ("topic_id") WHERE "course_work_choices"."status" in ('pending', 'accepted');--> statement-breakpoint
CREATE UNIQUE INDEX "course_work_choices_learner_live_key" ON "course_work_choices" USING btree ("offering_id","learner_id") WHERE "course_work_choices"."status" in ('pending', 'accepted');--> statement-breakpoint
CREATE INDEX "course_work_comments_thread_idx" ON "course_work_comments" USING btree ("milestone_id","learner_id");--> statement-breakpoint
CREATE INDEX "course_work_commission_user_idx" ON "course_work_commission" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "course_work_defences_learner_key" ON "course_work_defences" USING btree ("offering_id","learner_id");--> statement-breakpoint
CREATE INDEX "course_work_hand_in_files_file_idx" ON "course_work_hand_in_files" USING btree ("file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "course_work_hand_ins_version_key" ON "course_work_hand_ins" USING btree ("milestone_id","learner_id","version_no");--> statement-breakpoint
CREATE INDEX "course_work_milestones_offering_idx" ON "course_work_milestones" USING btree ("offering_id");--> statement-breakpoint
CREATE INDEX "course_work_topics_offering_idx" ON "course_work_topics" USING btree ("offering_id");
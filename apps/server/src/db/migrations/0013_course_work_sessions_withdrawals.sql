CREATE TABLE "course_work_defence_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offering_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text,
	"online_url" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_work_session_members" (
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "course_work_session_members_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "course_work_withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"choice_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"comment" text
);
--> statement-breakpoint
ALTER TABLE "course_work_defences" ADD COLUMN "session_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "course_work_defence_sessions" ADD CONSTRAINT "course_work_defence_sessions_offering_id_course_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."course_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_defence_sessions" ADD CONSTRAINT "course_work_defence_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_session_members" ADD CONSTRAINT "course_work_session_members_session_id_course_work_defence_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_work_defence_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_session_members" ADD CONSTRAINT "course_work_session_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_withdrawals" ADD CONSTRAINT "course_work_withdrawals_choice_id_course_work_choices_id_fk" FOREIGN KEY ("choice_id") REFERENCES "public"."course_work_choices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_work_withdrawals" ADD CONSTRAINT "course_work_withdrawals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_work_defence_sessions_offering_idx" ON "course_work_defence_sessions" USING btree ("offering_id");--> statement-breakpoint
CREATE INDEX "course_work_session_members_user_idx" ON "course_work_session_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "course_work_withdrawals_choice_idx" ON "course_work_withdrawals" USING btree ("choice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "course_work_withdrawals_pending_key" ON "course_work_withdrawals" USING btree ("choice_id") WHERE "course_work_withdrawals"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "course_work_defences" ADD CONSTRAINT "course_work_defences_session_id_course_work_defence_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."course_work_defence_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "course_work_defences_slot_key" ON "course_work_defences" USING btree ("session_id","starts_at");
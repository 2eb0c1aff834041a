CREATE TABLE "final_results" (
	"user_id" uuid NOT NULL,
	"offering_id" uuid NOT NULL,
	"discipline_id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"credits" integer NOT NULL,
	"final_control" text NOT NULL,
	"percent" integer NOT NULL,
	"letter" text NOT NULL,
	"points" numeric(3, 2) NOT NULL,
	"passing" boolean NOT NULL,
	"statement_id" uuid NOT NULL,
	"grading_version_no" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "final_results_user_id_offering_id_pk" PRIMARY KEY("user_id","offering_id"),
	CONSTRAINT "final_results_percent" CHECK ("final_results"."percent" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "repeat_disciplines" (
	"user_id" uuid NOT NULL,
	"offering_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"discipline_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"letter" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repeat_disciplines_user_id_offering_id_pk" PRIMARY KEY("user_id","offering_id")
);
--> statement-breakpoint
CREATE TABLE "statement_rows" (
	"statement_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"full_name" text NOT NULL,
	"record_book_no" text,
	"r1" integer,
	"r2" integer,
	"admission_rating" integer,
	"admitted" boolean NOT NULL,
	"individual_admission" boolean DEFAULT false NOT NULL,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"exam_score" numeric(5, 2),
	"exam_source" text,
	"final_score" integer,
	"letter" text,
	"points" numeric(3, 2),
	"entered_by" uuid,
	"entered_at" timestamp with time zone,
	CONSTRAINT "statement_rows_statement_id_learner_id_pk" PRIMARY KEY("statement_id","learner_id"),
	CONSTRAINT "statement_rows_exam_range" CHECK ("statement_rows"."exam_score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"ordinal" integer DEFAULT 0 NOT NULL,
	"reason" text,
	"offering_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"final_control" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"grading_version_no" integer NOT NULL,
	"examiner_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"header" jsonb NOT NULL,
	"window_opens_on" date,
	"window_closes_on" date,
	"verification_code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "final_results" ADD CONSTRAINT "final_results_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "final_results" ADD CONSTRAINT "final_results_offering_id_course_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."course_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "final_results" ADD CONSTRAINT "final_results_discipline_id_disciplines_id_fk" FOREIGN KEY ("discipline_id") REFERENCES "public"."disciplines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "final_results" ADD CONSTRAINT "final_results_period_id_academic_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."academic_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "final_results" ADD CONSTRAINT "final_results_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repeat_disciplines" ADD CONSTRAINT "repeat_disciplines_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repeat_disciplines" ADD CONSTRAINT "repeat_disciplines_offering_id_course_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."course_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repeat_disciplines" ADD CONSTRAINT "repeat_disciplines_entry_id_curriculum_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."curriculum_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repeat_disciplines" ADD CONSTRAINT "repeat_disciplines_discipline_id_disciplines_id_fk" FOREIGN KEY ("discipline_id") REFERENCES "public"."disciplines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repeat_disciplines" ADD CONSTRAINT "repeat_disciplines_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_rows" ADD CONSTRAINT "statement_rows_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_rows" ADD CONSTRAINT "statement_rows_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_rows" ADD CONSTRAINT "statement_rows_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_offering_id_course_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."course_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repeat_disciplines_user_idx" ON "repeat_disciplines" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "statements_number_key" ON "statements" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "statements_verification_key" ON "statements" USING btree ("verification_code");--> statement-breakpoint
CREATE UNIQUE INDEX "statements_main_key" ON "statements" USING btree ("offering_id","group_id") WHERE "statements"."kind" = 'main';--> statement-breakpoint
CREATE UNIQUE INDEX "statements_ordinal_key" ON "statements" USING btree ("parent_id","kind","ordinal") WHERE "statements"."parent_id" is not null;--> statement-breakpoint
CREATE INDEX "statements_offering_idx" ON "statements" USING btree ("offering_id");
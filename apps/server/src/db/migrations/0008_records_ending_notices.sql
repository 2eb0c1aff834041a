CREATE TABLE "records_ending_notices" (
	"learner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ends_on" date NOT NULL,
	"notified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "records_ending_notices_learner_id_kind_ends_on_pk" PRIMARY KEY("learner_id","kind","ends_on")
);
--> statement-breakpoint
ALTER TABLE "records_ending_notices" ADD CONSTRAINT "records_ending_notices_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
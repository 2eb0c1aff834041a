CREATE TABLE "offering_activity_weights" (
	"offering_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"weight" numeric(6, 2) NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offering_activity_weights_offering_id_activity_id_pk" PRIMARY KEY("offering_id","activity_id"),
	CONSTRAINT "offering_activity_weights_positive" CHECK ("offering_activity_weights"."weight" > 0)
);
--> statement-breakpoint
ALTER TABLE "offering_activity_weights" ADD CONSTRAINT "offering_activity_weights_offering_id_course_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."course_offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offering_activity_weights" ADD CONSTRAINT "offering_activity_weights_activity_id_control_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."control_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offering_activity_weights" ADD CONSTRAINT "offering_activity_weights_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
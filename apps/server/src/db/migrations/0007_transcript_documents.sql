CREATE TABLE "transcript_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"verification_code" text NOT NULL,
	"language" text NOT NULL,
	"gpa" numeric(3, 2),
	"credits" integer NOT NULL,
	"line_count" integer NOT NULL,
	"digest" text NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "transcript_documents" ADD CONSTRAINT "transcript_documents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcript_documents" ADD CONSTRAINT "transcript_documents_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "transcript_documents_verification_key" ON "transcript_documents" USING btree ("verification_code");--> statement-breakpoint
CREATE INDEX "transcript_documents_user_idx" ON "transcript_documents" USING btree ("user_id");
CREATE SCHEMA "__SERVICE_SCHEMA__";
--> statement-breakpoint
CREATE TABLE "__SERVICE_SCHEMA__"."notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_sub" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "__SERVICE_SCHEMA__"."orbit_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"sub" text NOT NULL,
	"sid" text,
	"user" jsonb NOT NULL,
	"id_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "notes_owner_created_idx" ON "__SERVICE_SCHEMA__"."notes" USING btree ("owner_sub","created_at");--> statement-breakpoint
CREATE INDEX "orbit_sessions_sid_idx" ON "__SERVICE_SCHEMA__"."orbit_sessions" USING btree ("sid");--> statement-breakpoint
CREATE INDEX "orbit_sessions_sub_idx" ON "__SERVICE_SCHEMA__"."orbit_sessions" USING btree ("sub");--> statement-breakpoint
CREATE INDEX "orbit_sessions_expires_idx" ON "__SERVICE_SCHEMA__"."orbit_sessions" USING btree ("expires_at");
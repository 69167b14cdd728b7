CREATE TABLE "mail"."orbit_sessions" (
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
CREATE INDEX "orbit_sessions_sid_idx" ON "mail"."orbit_sessions" USING btree ("sid");--> statement-breakpoint
CREATE INDEX "orbit_sessions_sub_idx" ON "mail"."orbit_sessions" USING btree ("sub");--> statement-breakpoint
CREATE INDEX "orbit_sessions_expires_idx" ON "mail"."orbit_sessions" USING btree ("expires_at");
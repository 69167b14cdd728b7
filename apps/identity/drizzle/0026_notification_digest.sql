-- Issue 19, notifications: the daily digest (a preference, off by default, and when each account's is due next)
-- and which items were emailed already (by their own email or a digest), so no item is mailed twice.
ALTER TABLE "notifications"."settings" ADD COLUMN "digest" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "notifications"."settings" ADD COLUMN "digest_next_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "notifications"."items" ADD COLUMN "emailed_at" timestamp with time zone;
--> statement-breakpoint
CREATE INDEX "settings_digest_due_idx" ON "notifications"."settings" USING btree ("digest_next_at") WHERE "digest";

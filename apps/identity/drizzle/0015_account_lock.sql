ALTER TABLE "identity"."accounts" ADD COLUMN "locked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "identity"."accounts" ADD COLUMN "locked_reason" text;--> statement-breakpoint
ALTER TABLE "identity"."accounts" ADD COLUMN "locked_by" uuid;--> statement-breakpoint
ALTER TABLE "identity"."accounts" ADD CONSTRAINT "accounts_locked_by_accounts_id_fk" FOREIGN KEY ("locked_by") REFERENCES "identity"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- A lock always says why; an unlocked account keeps no stale reason.
ALTER TABLE "identity"."accounts" ADD CONSTRAINT "accounts_lock_has_reason" CHECK (("locked_at" IS NULL) = ("locked_reason" IS NULL));--> statement-breakpoint
-- The console's account list: newest first, paged by (created_at, id).
CREATE INDEX "accounts_created_idx" ON "identity"."accounts" USING btree ("created_at" DESC,"id" DESC);--> statement-breakpoint
CREATE INDEX "accounts_locked_idx" ON "identity"."accounts" USING btree ("locked_at") WHERE "locked_at" IS NOT NULL;

-- Issue 19, data rights: account deletion after a grace period, and each service's acknowledgement of it.
CREATE TABLE "identity"."account_deletions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"account_number" bigint NOT NULL,
	"by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"scheduled_for" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"paused_renewals" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	CONSTRAINT "account_deletions_by_check" CHECK ("by" IN ('self', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "identity"."account_deletion_acks" (
	"deletion_id" uuid NOT NULL,
	"service_id" text NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "account_deletion_acks_deletion_id_service_id_pk" PRIMARY KEY("deletion_id","service_id")
);
--> statement-breakpoint
ALTER TABLE "identity"."account_deletion_acks" ADD CONSTRAINT "account_deletion_acks_deletion_id_account_deletions_id_fk" FOREIGN KEY ("deletion_id") REFERENCES "identity"."account_deletions"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "account_deletions_pending_key" ON "identity"."account_deletions" USING btree ("account_id") WHERE "identity"."account_deletions"."deleted_at" is null;
--> statement-breakpoint
CREATE INDEX "account_deletions_due_idx" ON "identity"."account_deletions" USING btree ("scheduled_for") WHERE "identity"."account_deletions"."deleted_at" is null;
--> statement-breakpoint
CREATE INDEX "account_deletions_deleted_idx" ON "identity"."account_deletions" USING btree ("deleted_at");
--> statement-breakpoint
CREATE INDEX "account_deletion_acks_pending_idx" ON "identity"."account_deletion_acks" USING btree ("deletion_id") WHERE "identity"."account_deletion_acks"."acknowledged_at" is null;

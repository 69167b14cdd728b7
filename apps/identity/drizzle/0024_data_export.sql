-- Issue 19, data rights: each account's data exports and the archives built for them (in chunks).
CREATE SCHEMA "data_export";
--> statement-breakpoint
CREATE TABLE "data_export"."exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"status" text NOT NULL,
	"job_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"steps_done" integer DEFAULT 0 NOT NULL,
	"steps_total" integer DEFAULT 0 NOT NULL,
	"step" text,
	"ready_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"error" text,
	"bytes" bigint,
	"missing" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"link_hash" text,
	CONSTRAINT "exports_status_check" CHECK ("status" in ('queued', 'building', 'ready', 'failed', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "data_export"."archive_chunks" (
	"export_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" bytea NOT NULL,
	CONSTRAINT "archive_chunks_export_id_seq_pk" PRIMARY KEY("export_id","seq")
);
--> statement-breakpoint
ALTER TABLE "data_export"."exports" ADD CONSTRAINT "exports_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "data_export"."archive_chunks" ADD CONSTRAINT "archive_chunks_export_id_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "data_export"."exports"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "exports_account_idx" ON "data_export"."exports" USING btree ("account_id","created_at" DESC);
--> statement-breakpoint
CREATE UNIQUE INDEX "exports_one_building" ON "data_export"."exports" USING btree ("account_id") WHERE "status" in ('queued', 'building');
--> statement-breakpoint
CREATE INDEX "exports_expires_idx" ON "data_export"."exports" USING btree ("expires_at") WHERE "status" = 'ready';

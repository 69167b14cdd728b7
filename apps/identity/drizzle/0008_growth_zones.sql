CREATE TABLE "membership"."growth_zones" (
	"account_id" uuid NOT NULL,
	"from_day" date NOT NULL,
	"time_zone" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "growth_zones_account_id_from_day_pk" PRIMARY KEY("account_id","from_day")
);
--> statement-breakpoint
ALTER TABLE "membership"."growth_entries" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "membership"."growth_zones" ADD CONSTRAINT "growth_zones_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Accounts settled before this migration: all their days so far in their present zone (what growth assumed).
INSERT INTO "membership"."growth_zones" ("account_id", "from_day", "time_zone", "created_at")
SELECT c."account_id", DATE '1970-01-01', a."time_zone", now()
FROM "membership"."growth_cursors" c JOIN "identity"."accounts" a ON a."id" = c."account_id";

-- Issue 19, notifications: the bell's items, per-category channel preferences and quiet hours.
CREATE SCHEMA "notifications";
--> statement-breakpoint
CREATE TABLE "notifications"."items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"source" text NOT NULL,
	"type" text NOT NULL,
	"category" text NOT NULL,
	"group_key" text,
	"bucket" integer NOT NULL,
	"actor_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"actor_count" integer DEFAULT 0 NOT NULL,
	"target" text,
	"url" text,
	"text" jsonb NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications"."preferences" (
	"account_id" uuid NOT NULL,
	"category" text NOT NULL,
	"in_app" boolean NOT NULL,
	"email" boolean NOT NULL,
	CONSTRAINT "preferences_account_id_category_pk" PRIMARY KEY("account_id","category")
);
--> statement-breakpoint
CREATE TABLE "notifications"."settings" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"quiet_start" smallint,
	"quiet_end" smallint,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "settings_quiet_check" CHECK (("quiet_start" IS NULL) = ("quiet_end" IS NULL) AND coalesce("quiet_start", 0) BETWEEN 0 AND 1439 AND coalesce("quiet_end", 0) BETWEEN 0 AND 1439)
);
--> statement-breakpoint
ALTER TABLE "notifications"."items" ADD CONSTRAINT "items_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications"."preferences" ADD CONSTRAINT "preferences_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications"."settings" ADD CONSTRAINT "settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "items_account_idx" ON "notifications"."items" USING btree ("account_id","updated_at" DESC,"id" DESC);
--> statement-breakpoint
CREATE INDEX "items_unread_idx" ON "notifications"."items" USING btree ("account_id") WHERE "read_at" is null;
--> statement-breakpoint
CREATE UNIQUE INDEX "items_group_key" ON "notifications"."items" USING btree ("account_id","source","group_key","bucket") WHERE "read_at" is null and "group_key" is not null;
--> statement-breakpoint
CREATE INDEX "items_updated_idx" ON "notifications"."items" USING btree ("updated_at");

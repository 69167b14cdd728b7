CREATE TABLE "membership"."active_days" (
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "active_days_account_id_day_pk" PRIMARY KEY("account_id","day")
);
--> statement-breakpoint
CREATE TABLE "membership"."growth_cursors" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"through_day" date NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership"."growth_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"delta" integer NOT NULL,
	"kind" text NOT NULL,
	"tier_id" text,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "growth_delta_nonzero" CHECK ("membership"."growth_entries"."delta" <> 0),
	CONSTRAINT "growth_kind_known" CHECK ("membership"."growth_entries"."kind" in ('accrual', 'decay', 'adjustment'))
);
--> statement-breakpoint
CREATE TABLE "membership"."ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"receipt_number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "membership"."ledger_entries_receipt_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" uuid NOT NULL,
	"subscription_id" uuid,
	"tier_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"provider" text,
	"provider_ref" text,
	"period" text,
	"period_start" timestamp with time zone,
	"period_end" timestamp with time zone,
	"description" text NOT NULL,
	"card_brand" text,
	"card_last4" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_amount_positive" CHECK ("membership"."ledger_entries"."amount_minor" > 0),
	CONSTRAINT "ledger_kind_known" CHECK ("membership"."ledger_entries"."kind" in ('charge', 'credit', 'refund'))
);
--> statement-breakpoint
CREATE TABLE "membership"."purchases" (
	"account_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"kind" text NOT NULL,
	"request_hash" text NOT NULL,
	"request" jsonb NOT NULL,
	"status" text NOT NULL,
	"charge_ref" text,
	"subscription_id" uuid,
	"response" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "purchases_account_id_idempotency_key_pk" PRIMARY KEY("account_id","idempotency_key"),
	CONSTRAINT "purchases_status_known" CHECK ("membership"."purchases"."status" in ('pending', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "membership"."sandbox_charges" (
	"id" text PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"kind" text NOT NULL,
	"payment_method" text,
	"refunds" text,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"decline_code" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sandbox_charges_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "sandbox_charges_amount_positive" CHECK ("membership"."sandbox_charges"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "membership"."sandbox_payment_methods" (
	"id" text PRIMARY KEY NOT NULL,
	"brand" text NOT NULL,
	"last4" text NOT NULL,
	"exp_month" integer NOT NULL,
	"exp_year" integer NOT NULL,
	"behaviour" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership"."subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"tier_id" text NOT NULL,
	"lane" text NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"period" text,
	"currency" text,
	"amount_minor" bigint,
	"auto_renew" boolean NOT NULL,
	"cancelled_at" timestamp with time zone,
	"current_period_start" timestamp with time zone NOT NULL,
	"current_period_end" timestamp with time zone NOT NULL,
	"grace_until" timestamp with time zone,
	"renewal_failures" integer DEFAULT 0 NOT NULL,
	"next_tier_id" text,
	"next_period" text,
	"provider" text,
	"payment_method" text,
	"card_brand" text,
	"card_last4" text,
	"granted_by" uuid,
	"grant_reason" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"end_note" text,
	"replaced_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscriptions_status_known" CHECK ("membership"."subscriptions"."status" in ('active', 'past_due', 'ended')),
	CONSTRAINT "subscriptions_source_known" CHECK ("membership"."subscriptions"."source" in ('purchase', 'complimentary')),
	CONSTRAINT "subscriptions_period_after_start" CHECK ("membership"."subscriptions"."current_period_end" > "membership"."subscriptions"."current_period_start"),
	CONSTRAINT "subscriptions_ended_has_reason" CHECK (("membership"."subscriptions"."status" = 'ended') = ("membership"."subscriptions"."ended_at" is not null)),
	CONSTRAINT "subscriptions_purchase_is_priced" CHECK ("membership"."subscriptions"."source" <> 'purchase' or ("membership"."subscriptions"."period" is not null and "membership"."subscriptions"."currency" is not null and "membership"."subscriptions"."amount_minor" is not null and "membership"."subscriptions"."payment_method" is not null)),
	CONSTRAINT "subscriptions_amount_nonnegative" CHECK ("membership"."subscriptions"."amount_minor" is null or "membership"."subscriptions"."amount_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "membership"."vip_levels" (
	"level" integer PRIMARY KEY NOT NULL,
	"min_growth" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vip_levels_level_range" CHECK ("membership"."vip_levels"."level" between 1 and 20),
	CONSTRAINT "vip_levels_min_nonnegative" CHECK ("membership"."vip_levels"."min_growth" >= 0)
);
--> statement-breakpoint
ALTER TABLE "identity"."accounts" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "identity"."accounts" ADD COLUMN "show_badges" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "membership"."active_days" ADD CONSTRAINT "active_days_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership"."growth_cursors" ADD CONSTRAINT "growth_cursors_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership"."growth_entries" ADD CONSTRAINT "growth_entries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership"."growth_entries" ADD CONSTRAINT "growth_entries_tier_id_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "membership"."tiers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership"."ledger_entries" ADD CONSTRAINT "ledger_entries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership"."ledger_entries" ADD CONSTRAINT "ledger_entries_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "membership"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership"."ledger_entries" ADD CONSTRAINT "ledger_entries_tier_id_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "membership"."tiers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership"."purchases" ADD CONSTRAINT "purchases_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership"."subscriptions" ADD CONSTRAINT "subscriptions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "identity"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership"."subscriptions" ADD CONSTRAINT "subscriptions_tier_id_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "membership"."tiers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership"."subscriptions" ADD CONSTRAINT "subscriptions_next_tier_id_tiers_id_fk" FOREIGN KEY ("next_tier_id") REFERENCES "membership"."tiers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership"."subscriptions" ADD CONSTRAINT "subscriptions_granted_by_accounts_id_fk" FOREIGN KEY ("granted_by") REFERENCES "identity"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "growth_one_per_day" ON "membership"."growth_entries" USING btree ("account_id","day") WHERE "membership"."growth_entries"."kind" in ('accrual', 'decay');--> statement-breakpoint
CREATE INDEX "growth_account_day_idx" ON "membership"."growth_entries" USING btree ("account_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_provider_ref_key" ON "membership"."ledger_entries" USING btree ("provider","provider_ref","kind") WHERE "membership"."ledger_entries"."provider_ref" is not null;--> statement-breakpoint
CREATE INDEX "ledger_account_idx" ON "membership"."ledger_entries" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "ledger_tier_idx" ON "membership"."ledger_entries" USING btree ("tier_id");--> statement-breakpoint
CREATE INDEX "purchases_pending_idx" ON "membership"."purchases" USING btree ("created_at") WHERE "membership"."purchases"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_one_live_per_lane" ON "membership"."subscriptions" USING btree ("account_id","lane","source") WHERE "membership"."subscriptions"."status" <> 'ended';--> statement-breakpoint
CREATE INDEX "subscriptions_account_idx" ON "membership"."subscriptions" USING btree ("account_id","started_at");--> statement-breakpoint
CREATE INDEX "subscriptions_period_end_idx" ON "membership"."subscriptions" USING btree ("current_period_end") WHERE "membership"."subscriptions"."status" <> 'ended';--> statement-breakpoint
CREATE FUNCTION "membership"."append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%.% is append-only', TG_TABLE_SCHEMA, TG_TABLE_NAME;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_update" BEFORE UPDATE ON "membership"."ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "membership"."append_only"();--> statement-breakpoint
CREATE TRIGGER "growth_entries_no_update" BEFORE UPDATE ON "membership"."growth_entries"
  FOR EACH ROW EXECUTE FUNCTION "membership"."append_only"();--> statement-breakpoint
INSERT INTO "membership"."vip_levels" ("level", "min_growth", "updated_at") VALUES
  (1, 0, now()), (2, 600, now()), (3, 1800, now()), (4, 3600, now()),
  (5, 6000, now()), (6, 10800, now()), (7, 18000, now()), (8, 30000, now());

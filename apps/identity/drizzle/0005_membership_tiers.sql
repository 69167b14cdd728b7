CREATE SCHEMA "membership";
--> statement-breakpoint
CREATE TABLE "membership"."tier_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tier_id" text NOT NULL,
	"period" text NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tier_prices_tier_period_currency_from_key" UNIQUE("tier_id","period","currency","effective_from"),
	CONSTRAINT "tier_prices_amount_positive" CHECK ("membership"."tier_prices"."amount_minor" > 0),
	CONSTRAINT "tier_prices_period_known" CHECK ("membership"."tier_prices"."period" in ('month', 'year')),
	CONSTRAINT "tier_prices_currency_known" CHECK ("membership"."tier_prices"."currency" in ('CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'SGD'))
);
--> statement-breakpoint
CREATE TABLE "membership"."tiers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"names" jsonb NOT NULL,
	"description" text NOT NULL,
	"descriptions" jsonb NOT NULL,
	"color" text NOT NULL,
	"scope" text NOT NULL,
	"service_id" text,
	"rank" integer NOT NULL,
	"growth_per_day" integer DEFAULT 10 NOT NULL,
	"growth_per_day_yearly" integer DEFAULT 15 NOT NULL,
	"perks" jsonb NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tiers_id_format" CHECK ("membership"."tiers"."id" ~ '^[a-z][a-z0-9-]{1,31}$'),
	CONSTRAINT "tiers_color_format" CHECK ("membership"."tiers"."color" ~ '^#[0-9a-f]{6}$'),
	CONSTRAINT "tiers_scope_known" CHECK ("membership"."tiers"."scope" in ('platform', 'service')),
	CONSTRAINT "tiers_service_matches_scope" CHECK (("membership"."tiers"."scope" = 'service') = ("membership"."tiers"."service_id" is not null)),
	CONSTRAINT "tiers_rank_nonnegative" CHECK ("membership"."tiers"."rank" >= 0),
	CONSTRAINT "tiers_growth_nonnegative" CHECK ("membership"."tiers"."growth_per_day" >= 0 and "membership"."tiers"."growth_per_day_yearly" >= 0)
);
--> statement-breakpoint
ALTER TABLE "membership"."tier_prices" ADD CONSTRAINT "tier_prices_tier_id_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "membership"."tiers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership"."tiers" ADD CONSTRAINT "tiers_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "platform"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tiers_service_id_idx" ON "membership"."tiers" USING btree ("service_id");